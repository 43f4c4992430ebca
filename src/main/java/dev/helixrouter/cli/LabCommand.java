package dev.helixrouter.cli;

import dev.helixrouter.lab.LabOptions;
import dev.helixrouter.workload.ScenarioCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code helixrouter lab}: opens the desktop lab with a scenario ready to run.
 *
 * <p>Values are checked before any window opens: a bad {@code --jobs} (or {@code HELIX_SIM_JOBS}),
 * an unknown scenario or tab is a usage error (exit 2) with a message naming the option or
 * variable.
 */
@Command(name = "lab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Opens the HelixRouter Lab window (the default command).",
            "",
            "Pick a scenario, press Start and watch the router decide; tune its config live in the side panel. "
                    + "The scenario '" + LabOptions.DEFAULT_SCENARIO + "' is ready to run unless --scenario names "
                    + "another (see 'helixrouter run --list').",
        },
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_TEXT, ExitCodes.FAILURE_TEXT, ExitCodes.USAGE_TEXT},
        footerHeading = "%nExamples:%n",
        footer = {
            "  helixrouter lab --scenario overload --start",
            "  helixrouter lab --scenario seed-default --jobs 500 --seed 42",
            "  xvfb-run -a helixrouter lab --start --exit-after 8     (no display: a virtual one)",
        })
final class LabCommand implements Callable<Integer> {
    static final String JOBS_ENV = "HELIX_SIM_JOBS";
    static final String SEED_ENV = "HELIX_SIM_SEED";
    /** Longest --exit-after: a day. */
    static final double MAX_EXIT_AFTER_SECONDS = 86_400;

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--scenario"}, paramLabel = "SCENARIO",
            description = "Preset name or scenario file to have ready (default: " + LabOptions.DEFAULT_SCENARIO + ").")
    String scenario;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Replace the scenario's job count, 1.." + LabOptions.MAX_JOBS + " (default: $" + JOBS_ENV
                    + ", else the scenario's).")
    Integer jobs;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the jobs and arrivals; the same seed gives the same jobs (default: $" + SEED_ENV
                    + ", else the scenario's).")
    Long seed;

    @Option(names = "--load", paramLabel = "X",
            description = "Load multiplier: scales every arrival rate (default 1).")
    Double load;

    @Option(names = "--start", description = "Start the scenario as soon as the window is up.")
    boolean start;

    @Option(names = "--loop", description = "Start the scenario again each time it finishes (demos, soak runs).")
    boolean loop;

    @Option(names = "--tab", paramLabel = "TAB",
            description = "Show this tab first: overview, latency, decisions, learned or autoscaler.")
    String tab;

    @Option(names = "--exit-after", paramLabel = "SECONDS",
            description = "Close the window by itself after SECONDS (may be fractional), e.g. for screenshots "
                    + "and smoke tests.")
    Double exitAfterSeconds;

    @Option(names = "--stats", paramLabel = "FILE",
            description = "Append UI responsiveness figures (longest gap between frames, UI update rate, heap) to "
                    + "FILE every 30 s and on exit.")
    Path statsFile;

    private final Map<String, String> env;
    private final LabStarter starter;
    private final Supplier<ScenarioCatalog> catalog;

    LabCommand(Map<String, String> env, LabStarter starter) {
        this(env, starter, ScenarioCatalog::new);
    }

    LabCommand(Map<String, String> env, LabStarter starter, Supplier<ScenarioCatalog> catalog) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.starter = Objects.requireNonNull(starter, "starter");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public Integer call() {
        return starter.start(options());
    }

    /** The options from the command line, else the environment, else the defaults; validated. */
    LabOptions options() {
        LabOptions o = LabOptions.defaults();
        if (scenario != null) {
            o = o.withScenario(checkScenario(scenario));
        }
        Integer n = jobs != null ? Integer.valueOf(checkJobs(jobs, "--jobs")) : jobsFromEnv();
        if (n != null) {
            o = o.withJobs(n);
        }
        Long s = seed != null ? seed : seedFromEnv();
        if (s != null) {
            o = o.withSeed(s);
        }
        if (load != null) {
            if (!(load > 0 && load <= LabOptions.MAX_LOAD)) {
                throw usage("--load must be a number > 0 and <= " + (long) LabOptions.MAX_LOAD + ", was " + load);
            }
            o = o.withLoad(load);
        }
        if (tab != null) {
            if (!LabOptions.TABS.contains(tab)) {
                throw usage("--tab must be one of " + String.join(", ", LabOptions.TABS) + ", was '" + tab + "'");
            }
            o = o.withTab(tab);
        }
        if (exitAfterSeconds != null) {
            double secs = exitAfterSeconds;
            if (!(secs > 0 && secs <= MAX_EXIT_AFTER_SECONDS)) {
                throw usage("--exit-after must be a number of seconds > 0 and <= " + (long) MAX_EXIT_AFTER_SECONDS
                        + ", was " + exitAfterSeconds);
            }
            o = o.withExitAfter(Duration.ofNanos(Math.max(1_000_000L, Math.round(secs * 1e9))));
        }
        if (statsFile != null) {
            o = o.withStatsFile(statsFile);
        }
        return o.withStart(start).withLoop(loop);
    }

    private String checkScenario(String name) {
        if (name.isBlank()) {
            throw usage("--scenario must name a preset or a scenario file");
        }
        ScenarioCatalog c = catalog.get();
        boolean known = c.list().stream().anyMatch(e -> e.name().equals(name));
        boolean file;
        try {
            file = Files.isRegularFile(Path.of(name));
        } catch (RuntimeException notAPath) {
            file = false;
        }
        if (!known && !file) {
            throw usage("--scenario: no preset named '" + name + "' and no such file; available presets: "
                    + String.join(", ", c.names()));
        }
        return name;
    }

    private Integer jobsFromEnv() {
        String raw = env.get(JOBS_ENV);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return checkJobs(Integer.parseInt(raw.trim()), JOBS_ENV);
        } catch (NumberFormatException e) {
            throw usage(JOBS_ENV + " must be a whole number within 1.." + LabOptions.MAX_JOBS + ", was '" + raw + "'");
        }
    }

    private Long seedFromEnv() {
        String raw = env.get(SEED_ENV);
        if (raw == null || raw.isBlank()) {
            return null;
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
