package dev.helixrouter.cli;

import dev.helixrouter.lab.LabOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code helixrouter lab}: opens the desktop lab on the original HelixRouter's warm-up.
 *
 * <p>Values are checked before any window opens: a bad {@code --jobs} (or {@code HELIX_SIM_JOBS})
 * is a usage error (exit 2) with a message naming the option or variable.
 */
@Command(name = "lab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Opens the HelixRouter Lab window (the default command).",
            "",
            "It runs the original HelixRouter's warm-up: N generated jobs submitted all at once to a router "
                    + "with the busy backpressure gate, and shows live what each strategy did with them.",
        },
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_TEXT, ExitCodes.FAILURE_TEXT, ExitCodes.USAGE_TEXT},
        footerHeading = "%nExamples:%n",
        footer = {
            "  helixrouter lab --jobs 500 --seed 42",
            "  xvfb-run -a helixrouter lab --exit-after 8     (no display: a virtual one)",
        })
final class LabCommand implements Callable<Integer> {
    static final String JOBS_ENV = "HELIX_SIM_JOBS";
    static final String SEED_ENV = "HELIX_SIM_SEED";
    /** Longest --exit-after: a day. */
    static final double MAX_EXIT_AFTER_SECONDS = 86_400;

    @Spec
    CommandSpec spec;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Jobs in the warm-up, 1.." + LabOptions.MAX_JOBS + " (default: $" + JOBS_ENV + ", else 200).")
    Integer jobs;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the job generator; the same seed gives the same jobs (default: $" + SEED_ENV
                    + ", else 7).")
    Long seed;

    @Option(names = "--exit-after", paramLabel = "SECONDS",
            description = "Close the window by itself after SECONDS (may be fractional), e.g. for screenshots "
                    + "and smoke tests.")
    Double exitAfterSeconds;

    private final Map<String, String> env;
    private final LabStarter starter;

    LabCommand(Map<String, String> env, LabStarter starter) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    @Override
    public Integer call() {
        return starter.start(options());
    }

    /** The options from the command line, else the environment, else the defaults; validated. */
    LabOptions options() {
        int n = jobs != null ? checkJobs(jobs, "--jobs") : jobsFromEnv();
        long s = seed != null ? seed : seedFromEnv();
        Optional<Duration> exit = Optional.empty();
        if (exitAfterSeconds != null) {
            double secs = exitAfterSeconds;
            if (!(secs > 0 && secs <= MAX_EXIT_AFTER_SECONDS)) {
                throw usage("--exit-after must be a number of seconds > 0 and <= " + (long) MAX_EXIT_AFTER_SECONDS
                        + ", was " + exitAfterSeconds);
            }
            exit = Optional.of(Duration.ofNanos(Math.max(1_000_000L, Math.round(secs * 1e9))));
        }
        return new LabOptions(n, s, exit);
    }

    private int jobsFromEnv() {
        String raw = env.get(JOBS_ENV);
        if (raw == null || raw.isBlank()) {
            return LabOptions.DEFAULT_JOBS;
        }
        try {
            return checkJobs(Integer.parseInt(raw.trim()), JOBS_ENV);
        } catch (NumberFormatException e) {
            throw usage(JOBS_ENV + " must be a whole number within 1.." + LabOptions.MAX_JOBS + ", was '" + raw + "'");
        }
    }

    private long seedFromEnv() {
        String raw = env.get(SEED_ENV);
        if (raw == null || raw.isBlank()) {
            return LabOptions.DEFAULT_SEED;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw usage(SEED_ENV + " must be a whole number (a 64-bit seed), was '" + raw + "'");
        }
    }

    private int checkJobs(int n, String source) {
        if (n < 1 || n > LabOptions.MAX_JOBS) {
            throw usage(source + " must be within 1.." + LabOptions.MAX_JOBS + ", was " + n);
        }
        return n;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
