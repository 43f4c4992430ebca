package dev.helixrouter.bench.shootout;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The overload shootout (BENCHMARKS.md): one seeded open-loop trace per seed, replayed by the
 * same caller threads against every system, measured per phase, medians over the seeds. Writes
 * {@code shootout.md}, {@code shootout.csv} (medians) and {@code shootout-seed-N.csv}.
 *
 * <pre>
 * ./mvnw -Pshootout test-compile exec:exec@shootout                                   # 5 seeds, ~70 min
 * ./mvnw -Pshootout test-compile exec:exec@shootout -Dshootout.args="--quick"         # ~1 min
 * </pre>
 */
public final class Shootout {
    /** Seconds of warm-up per system before its measured replay (0.5λ*, a different seed). */
    private static final double WARMUP_FULL_S = 2.0;
    private static final double WARMUP_MULTIPLE = 0.5;
    private static final long WARMUP_SEED_OFFSET = 1_000_003;

    private final ShootoutOptions options;
    private final PrintStream progress;

    /** A shootout with {@code options}, telling its progress to {@code progress}. */
    public Shootout(ShootoutOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Everything one shootout measured. */
    public record Result(ShootoutOptions options, Instant startedAt, double lambdaStar, double spinNanosPerRound,
                         List<long[]> seedsAndJobs, List<List<Row>> perSeed, List<Row> medians,
                         long unfinished, long conflicts) {}

    /** Runs every seed against every system. */
    public Result run() throws InterruptedException {
        Instant startedAt = Instant.now();
        Spin spin = Spin.calibrate();
        double lambdaStar = JobClass.lambdaStar(options.cores());
        progress.printf(Locale.ROOT, "shootout: %d cores, %d callers, lambda* = %.0f jobs/s, spin %.3f ns/round%n",
                options.cores(), options.callers(), lambdaStar, spin.nanosPerRound());
        Replayer replayer = new Replayer(options.callers(), spin, drainLimit());
        List<List<Row>> perSeed = new ArrayList<>();
        List<long[]> seedsAndJobs = new ArrayList<>();
        long unfinished = 0;
        long conflicts = 0;
        for (long seed : options.seedList()) {
            ShootoutTrace trace = ShootoutTrace.generate(seed, lambdaStar, options.shape());
            ShootoutTrace warmup = ShootoutTrace.generate(seed + WARMUP_SEED_OFFSET, lambdaStar,
                    LoadShape.steady(warmupSeconds(), WARMUP_MULTIPLE));
            seedsAndJobs.add(new long[] {seed, trace.size()});
            List<Row> rows = new ArrayList<>();
            for (SystemKind kind : options.systems()) {
                long t0 = System.nanoTime();
                replayer.replay(warmup, kind.create(options.cores(), spin));
                Replayer.Run run = replayer.replay(trace, kind.create(options.cores(), spin));
                double recovery = Recovery.seconds(run);
                for (PhaseResult p : PhaseStats.of(run, options.cores())) {
                    rows.add(Row.of(kind.label(), p, recovery));
                }
                unfinished += run.unfinished();
                conflicts += run.outcomes().conflicts();
                progress.printf(Locale.ROOT, "shootout: seed %d, %-22s %6d jobs, %.1f s%n", seed, kind.label(),
                        trace.size(), (System.nanoTime() - t0) / 1e9);
                System.gc();
            }
            perSeed.add(rows);
        }
        return new Result(options, startedAt, lambdaStar, spin.nanosPerRound(), seedsAndJobs, perSeed,
                Row.medians(perSeed), unfinished, conflicts);
    }

    private double warmupSeconds() {
        return options.quick() ? Math.min(WARMUP_FULL_S, options.shape().phases().getFirst().seconds() / 2)
                : WARMUP_FULL_S;
    }

    /** How long after the trace's end unfinished jobs are waited for (unbounded queues drain slowly). */
    private Duration drainLimit() {
        return Duration.ofNanos(options.shape().endNanos() / 2).plusSeconds(30);
    }

    /** Runs the shootout from the command line; exit 0 done, 1 failed, 2 bad arguments. */
    public static void main(String[] args) {
        List<String> list = Arrays.asList(args);
        if (list.contains("--help") || list.contains("-h")) {
            System.out.print(ShootoutOptions.USAGE);
            return;
        }
        ShootoutOptions options;
        try {
            options = ShootoutOptions.parse(list, command(args));
        } catch (IllegalArgumentException e) {
            System.err.println("shootout: " + e.getMessage());
            System.err.print(ShootoutOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            Result result = new Shootout(options, System.err).run();
            Path md = ShootoutReport.write(result);
            System.out.print(ShootoutReport.markdown(result));
            System.err.println("shootout: wrote " + md + " and the CSV files beside it");
        } catch (IOException e) {
            System.err.println("shootout: cannot write the results: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private static String command(String[] args) {
        String base = "./mvnw -Pshootout test-compile exec:exec@shootout";
        return args.length == 0 ? base : base + " -Dshootout.args=\"" + String.join(" ", args) + "\"";
    }
}
