package dev.helixrouter.cli;

import dev.helixrouter.adapt.AdaptiveLayer;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigViolation;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPattern;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.LoadDriver;
import dev.helixrouter.workload.RunOverrides;
import dev.helixrouter.workload.RunReport;
import dev.helixrouter.workload.RunSummary;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.ScenarioException;
import dev.helixrouter.workload.Trace;
import dev.helixrouter.workload.TraceException;
import dev.helixrouter.workload.TraceHeader;
import dev.helixrouter.workload.TraceReader;
import dev.helixrouter.workload.calibration.Calibration;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.CalibrationReport;
import dev.helixrouter.workload.calibration.Calibrator;
import dev.helixrouter.workload.calibration.Capacity;
import dev.helixrouter.workload.calibration.OverheadCache;
import dev.helixrouter.workload.calibration.OverheadCalibrator;
import dev.helixrouter.workload.calibration.Overheads;
import dev.helixrouter.workload.calibration.ServiceModel;
import dev.helixrouter.sim.VirtualRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code helixrouter run}: a scenario headless. Prints the summary in the original's shape and a
 * latency table per strategy; optionally writes the JSON report, records the run's exact arrivals
 * as a trace, or replays a trace against another config so two configs meet identical load.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Runs a scenario headless and prints the HelixRouter summary.",
            "",
            "SCENARIO is a shipped or user preset name (see --list) or a scenario file. Rates in a scenario "
                    + "are multiples of this machine's calibrated capacity (lambda*), measured on first use and "
                    + "cached in ~/.helixrouter/calibration.json. In virtual time, a scenario that gives a "
                    + "service_model takes service times and lambda* from it instead, and nothing is calibrated.",
        },
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_TEXT, "1:Failure: a malformed scenario, trace or config file, or a run "
                + "that could not finish.", ExitCodes.USAGE_TEXT},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  HELIX_SIM_JOBS   default for --jobs",
            "  HELIX_SIM_SEED   default for --seed",
            "",
            "Examples:",
            "  helixrouter run --scenario seed-default",
            "  helixrouter run --scenario overload --load 1.5 --duration 10 --json report.json",
            "  helixrouter run --scenario steady --record steady.jsonl",
            "  helixrouter run --replay steady.jsonl --config tuned.json",
            "  helixrouter run --calibrate",
        })
final class RunCommand implements Callable<Integer> {
    static final String JOBS_ENV = "HELIX_SIM_JOBS";
    static final String SEED_ENV = "HELIX_SIM_SEED";
    /** Runs longer than this show progress on stderr. */
    private static final long PROGRESS_AFTER_NANOS = 2_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--scenario"}, paramLabel = "SCENARIO",
            description = "Preset name or scenario file (required unless --replay, --list or --calibrate).")
    String scenarioName;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the job generator (default: the scenario's).")
    Long seed;

    @Option(names = "--jobs", paramLabel = "N", description = "Stop after N jobs (replaces the scenario's job bound).")
    Long jobs;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop arrivals after SECONDS (replaces the scenario's duration bound).")
    Double durationSeconds;

    @Option(names = "--load", paramLabel = "X", defaultValue = "1.0",
            description = "Multiply every arrival rate by X (default ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Router config JSON applied over the scenario's (partial files allowed).")
    Path configFile;

    @Option(names = "--record", paramLabel = "FILE", description = "Write the run's exact arrivals as a trace (JSON Lines).")
    Path recordFile;

    @Option(names = "--replay", paramLabel = "FILE", description = "Replay a recorded trace instead of generating jobs.")
    Path replayFile;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report (schema: docs/REPORT.md).")
    Path jsonFile;

    @Option(names = "--time", paramLabel = "MODE", defaultValue = "live",
            description = "live (real threads, real time) or virtual (the same router on a modelled machine, "
                    + "exactly reproducible and faster than real time). Default: ${DEFAULT-VALUE}.")
    String timeMode;

    @Option(names = "--cores", paramLabel = "N",
            description = "Virtual time only: processors of the modelled machine (default: this machine's).")
    Integer cores;

    @Option(names = "--callers", paramLabel = "N",
            description = "Caller threads submitting the load (default: the number of cores).")
    Integer callers;

    @Option(names = "--list", description = "List the available scenarios and exit.")
    boolean list;

    @Option(names = "--calibrate", description = "Measure this machine's capacity again, show it and exit.")
    boolean calibrate;

    private final Map<String, String> env;
    private final ScenarioCatalog catalog;
    private final CalibrationCache calibrationCache;
    private final Supplier<Calibrator.Builder> calibrator;
    private final OverheadCache overheadCache;
    private final Function<Calibrator.ProgressListener, OverheadCalibrator> overheadCalibrator;

    RunCommand(Map<String, String> env, ScenarioCatalog catalog, CalibrationCache calibrationCache,
               Supplier<Calibrator.Builder> calibrator, OverheadCache overheadCache,
               Function<Calibrator.ProgressListener, OverheadCalibrator> overheadCalibrator) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calibrationCache = Objects.requireNonNull(calibrationCache, "calibrationCache");
        this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
        this.overheadCache = Objects.requireNonNull(overheadCache, "overheadCache");
        this.overheadCalibrator = Objects.requireNonNull(overheadCalibrator, "overheadCalibrator");
    }

    /** The real thing: presets and calibration under the user's home directory. */
    static RunCommand standard(Map<String, String> env) {
        return new RunCommand(env, new ScenarioCatalog(), new CalibrationCache(), Calibrator::builder,
                new OverheadCache(), OverheadCalibrator::standard);
    }

    /** A refusal that names the file or value at fault; exits with {@link ExitCodes#FAILURE}. */
    static final class RunFailure extends RuntimeException {
        RunFailure(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (list) {
                listScenarios(out);
                return ExitCodes.OK;
            }
            if (calibrate) {
                Calibration c = calibration(err, true);
                Overheads o = overheads(c, err, true);
                out.print(CalibrationReport.render(c));
                out.printf(Locale.ROOT, "%nRouter overheads per job (CPU, measured through a live router at %s):%n"
                        + "  caller (pacing, routing)  %8.1f us%n  inline (extra)            %8.1f us%n"
                        + "  spawn (carrier)           %8.1f us%n  cpu_pool (worker)         %8.1f us%n"
                        + "  batch (worker)            %8.1f us%n", "20 000 jobs/s", o.callerNanos() / 1e3,
                        o.inlineNanos() / 1e3, o.spawnNanos() / 1e3, o.cpuPoolNanos() / 1e3, o.batchNanos() / 1e3);
                out.flush();
                return ExitCodes.OK;
            }
            return runScenario(out, err);
        } catch (RunFailure e) {
            err.println("helixrouter run: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    private int runScenario(PrintWriter out, PrintWriter err) {
        validateFlags();
        Scenario scenario = resolveScenario();
        RunOverrides overrides = overrides();
        scenario = overrides.applyTo(scenario);
        boolean virtual = timeMode.equals("virtual");
        int cores = virtual && this.cores != null ? this.cores : RouterConfig.machineCores();
        RouterConfig config = effectiveConfig(scenario, cores);
        if (!virtual && scenario.serviceModel().isPresent()) {
            err.println("helixrouter run: live time runs the real kernels: the scenario's service_model is not used "
                    + "(rates are multiples of this machine's calibrated capacity)");
        }
        ServiceTimes serviceTimes = null;

        List<Arrival> arrivals;
        double lambdaStar = Double.NaN;
        String source;
        if (replayFile != null) {
            arrivals = readTrace(replayFile);
            source = replayFile.toString();
        } else {
            if (virtual || !(scenario.arrival() instanceof ArrivalPattern.AllAtOnce)) {
                serviceTimes = serviceTimes(scenario, virtual, err);
            }
            if (!(scenario.arrival() instanceof ArrivalPattern.AllAtOnce)) {
                lambdaStar = Capacity.lambdaStar(serviceTimes.model(), serviceTimes.overheads(), cores,
                        scenario.generator().take(20_000), config);
            }
            ArrivalPlan plan = ArrivalPlan.of(scenario, Double.isNaN(lambdaStar) ? 1.0 : lambdaStar, load);
            arrivals = plan.stream().toList();
            source = "scenario";
            if (recordFile != null) {
                writeTrace(plan.toTrace(), recordFile);
                err.println("helixrouter run: recorded " + arrivals.size() + " arrivals to " + recordFile);
            }
        }
        if (recordFile != null && replayFile != null) {
            writeTrace(new Trace(TraceHeader.of(scenario.name(), scenario.seed()).withJobs(arrivals.size()), arrivals),
                    recordFile);
        }
        if (arrivals.isEmpty()) {
            throw new RunFailure("the plan has no jobs (check --jobs, --duration and the scenario's bounds)");
        }

        if (virtual && serviceTimes == null) {
            serviceTimes = serviceTimes(scenario, true, err);
        }
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        RouterSnapshot last;
        long virtualNanos = -1;
        if (virtual) {
            ProgressPrinter progress = new ProgressPrinter(err, t0);
            VirtualRun.Machine m = new VirtualRun.Machine(cores, callers != null ? callers : cores,
                    serviceTimes.model(), serviceTimes.overheads());
            // No weights file in virtual time: a run must depend on its inputs only.
            VirtualRun.Result result = new VirtualRun(m, progress).run(config, arrivals, b -> {
                AdaptiveLayer.install(b, config, cores, java.util.Optional.empty());
                return b;
            });
            progress.finish(arrivals.size());
            last = result.snapshot();
            virtualNanos = result.virtualNanos();
        } else {
            last = runLive(config, arrivals, cores, err, t0);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        out.print(RunSummary.render(last));
        out.printf(Locale.ROOT, "%nscenario %s, seed %d, %d jobs, arrivals: %s%n", scenario.name(),
                scenario.seed(), arrivals.size(), arrivalText(scenario, lambdaStar, cores));
        if (virtual) {
            out.printf(Locale.ROOT, "virtual time on %d modelled cores: %.3f s simulated in %.2f s (%.1fx real time)%n"
                    + "service times from %s%n", cores, virtualNanos / 1e9, wall, virtualNanos / 1e9 / wall,
                    serviceTimes.source().equals(RunReport.FROM_SCENARIO) ? "the scenario's service_model"
                            : "this machine's calibration");
        } else {
            out.printf(Locale.ROOT, "live time on %d cores: %.2f s%n", cores, wall);
        }
        out.flush();
        if (jsonFile != null) {
            RunReport.RunInfo info = new RunReport.RunInfo(scenario.name(), scenario.description(),
                    virtual ? "virtual" : "live", scenario.seed(), load, lambdaStar,
                    serviceTimes == null ? null : serviceTimes.source(), cores, arrivals.size(), source,
                    virtual ? null : startedAt, virtual ? virtualNanos / 1e9 : wall);
            writeFile(jsonFile, RunReport.toJson(last, config, info));
            err.println("helixrouter run: report written to " + jsonFile);
            err.flush();
        }
        return ExitCodes.OK;
    }

    private RouterSnapshot runLive(RouterConfig config, List<Arrival> arrivals, int cores, PrintWriter err, long t0) {
        RouterSnapshot last;
        dev.helixrouter.engine.RouterBuilder builder = HelixRouter.builder();
        AdaptiveLayer adaptive = AdaptiveLayer.install(builder, config, RouterConfig.machineCores(),
                AdaptiveLayer.weightsPathFromEnv());
        try (HelixRouter router = adaptive.attach(builder.build())) {
            LoadDriver driver = new LoadDriver(router, callers != null ? callers : cores);
            ProgressPrinter progress = new ProgressPrinter(err, t0);
            LoadDriver.Run run = driver.start(arrivals, progress);
            long lastOffset = arrivals.getLast().offsetNanos();
            Duration limit = Duration.ofNanos(lastOffset).plusMinutes(5);
            try {
                run.await(limit);
            } catch (TimeoutException e) {
                run.stop();
                throw new RunFailure("jobs still unfinished " + limit.toSeconds() + " s after the start; giving up");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailure("interrupted");
            }
            progress.finish(arrivals.size());
            last = router.sampleNow();
        }
        return last;
    }

    private String arrivalText(Scenario scenario, double lambdaStar, int cores) {
        if (replayFile != null) {
            return "replayed from " + replayFile;
        }
        if (Double.isNaN(lambdaStar)) {
            return "all at once";
        }
        return String.format(Locale.ROOT, "%s, rates x %.2f, lambda* = %.0f jobs/s on %d cores",
                scenario.arrival().describe(), load, lambdaStar, cores);
    }

    private void validateFlags() {
        if (!(load > 0 && Double.isFinite(load) && load <= ArrivalPattern.MAX_LOAD)) {
            throw usage("--load must be a number > 0 and <= " + ArrivalPattern.MAX_LOAD + ", was " + load);
        }
        if (jobs != null && jobs < 1) {
            throw usage("--jobs must be >= 1, was " + jobs);
        }
        if (durationSeconds != null && !(durationSeconds > 0 && durationSeconds <= 86_400)) {
            throw usage("--duration must be a number of seconds > 0 and <= 86400, was " + durationSeconds);
        }
        if (!timeMode.equals("live") && !timeMode.equals("virtual")) {
            throw usage("--time must be 'live' or 'virtual', was '" + timeMode + "'");
        }
        if (cores != null && !timeMode.equals("virtual")) {
            throw usage("--cores models a machine: it needs --time virtual");
        }
        if (cores != null && (cores < 1 || cores > 4096)) {
            throw usage("--cores must be within 1..4096, was " + cores);
        }
        if (callers != null && (callers < 1 || callers > 1024)) {
            throw usage("--callers must be within 1..1024, was " + callers);
        }
        if (scenarioName == null && replayFile == null) {
            throw usage("name a scenario with --scenario (or replay a trace with --replay); available: "
                    + String.join(", ", catalog.names()));
        }
    }

    private Scenario resolveScenario() {
        if (scenarioName == null) {
            // Replaying a trace with no scenario: the trace's own name, default config.
            return catalog.find("seed-default").withName("replay").withDescription("Replay of " + replayFile)
                    .withConfig(ConfigPatch.empty());
        }
        try {
            return catalog.find(scenarioName);
        } catch (ScenarioException e) {
            if (e.source().isEmpty() && !Files.exists(Path.of(scenarioName))) {
                throw usage(e.getMessage());
            }
            throw new RunFailure(e.getMessage());
        }
    }

    private RunOverrides overrides() {
        RunOverrides o = RunOverrides.NONE;
        Long s = seed != null ? seed : CommandInputs.envLong(env, spec, SEED_ENV, Long.MIN_VALUE, Long.MAX_VALUE);
        if (s != null) {
            o = o.withSeed(s);
        }
        Long n = jobs != null ? jobs : CommandInputs.envLong(env, spec, JOBS_ENV, 1, Integer.MAX_VALUE);
        if (n != null) {
            o = o.withJobs(n);
        }
        if (durationSeconds != null) {
            o = o.withDuration(Duration.ofNanos(Math.round(durationSeconds * 1e9)));
        }
        return o;
    }

    private RouterConfig effectiveConfig(Scenario scenario, int cores) {
        RouterConfig base;
        try {
            base = scenario.routerConfig(RouterConfig.defaults(cores));
        } catch (ConfigException e) {
            throw new RunFailure("scenario " + scenario.name() + ": " + CommandInputs.describe(e.violations(), "config."));
        }
        if (configFile == null) {
            return base;
        }
        String text = readFile(configFile);
        RouterConfig merged;
        try {
            merged = RouterConfigJson.parsePatch(text).applyTo(base);
        } catch (ConfigException e) {
            throw new RunFailure(configFile + ": " + CommandInputs.describe(e.violations(), ""));
        }
        List<ConfigViolation> v = merged.violations();
        if (!v.isEmpty()) {
            throw new RunFailure(configFile + " (merged over scenario " + scenario.name() + "): " + CommandInputs.describe(v, ""));
        }
        return merged;
    }

    private List<Arrival> readTrace(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RunFailure(file + ": no such trace file");
        }
        try (TraceReader reader = TraceReader.open(file)) {
            List<Arrival> list = new ArrayList<>();
            reader.forEachRemaining(list::add);
            return list;
        } catch (TraceException e) {
            throw new RunFailure(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new RunFailure(file + ": " + e.getMessage());
        }
    }

    private void writeTrace(Trace trace, Path file) {
        try {
            trace.write(file);
        } catch (IOException | UncheckedIOException e) {
            throw new RunFailure(file + ": cannot write the trace: " + e.getMessage());
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new RunFailure(file + ": cannot read: " + e.getMessage());
        }
    }

    private static void writeFile(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new RunFailure(file + ": cannot write the report: " + e.getMessage());
        }
    }

    /**
     * The service model a run takes λ* and (in virtual time) service times from, and where it
     * came from.
     */
    private record ServiceTimes(ServiceModel model, Overheads overheads, String source) {}

    /**
     * In virtual time, a scenario's explicit model, so the run is the same on any machine and
     * nothing is calibrated; otherwise this machine's calibration and measured overheads (for λ*
     * live: the load multiplier is relative to the machine that executes the jobs).
     */
    private ServiceTimes serviceTimes(Scenario scenario, boolean virtual, PrintWriter err) {
        if (virtual && scenario.serviceModel().isPresent()) {
            return new ServiceTimes(scenario.serviceModel().get(), scenario.modelledOverheads().orElseThrow(),
                    RunReport.FROM_SCENARIO);
        }
        Calibration c = calibration(err, false);
        return new ServiceTimes(c.model(), overheads(c, err, false), RunReport.FROM_CALIBRATION);
    }

    private Calibration calibration(PrintWriter err, boolean force) {
        AtomicInteger lastPercent = new AtomicInteger(-1);
        Calibrator c = calibrator.get().progress((fraction, message) -> {
            int pct = (int) (fraction * 100);
            if (pct / 10 != lastPercent.get() / 10 || pct == 100) {
                lastPercent.set(pct);
                err.printf(Locale.ROOT, "calibrating: %3d%% %s%n", pct, message);
                err.flush();
            }
        }).build();
        return calibrationCache.loadOrCalibrate(c, force);
    }

    private Overheads overheads(Calibration c, PrintWriter err, boolean force) {
        AtomicInteger lastPercent = new AtomicInteger(-1);
        Calibrator.ProgressListener listener = (fraction, message) -> {
            int pct = (int) (fraction * 100);
            if (pct / 20 != lastPercent.get() / 20 || pct == 100) {
                lastPercent.set(pct);
                err.printf(Locale.ROOT, "measuring router overheads: %3d%% %s%n", pct, message);
                err.flush();
            }
        };
        return overheadCache.loadOrMeasure(c.fingerprint(), () -> overheadCalibrator.apply(listener).measure(), force);
    }

    private void listScenarios(PrintWriter out) {
        for (ScenarioCatalog.Entry e : catalog.list()) {
            String what = e.scenario().map(Scenario::description)
                    .orElse("(invalid: " + e.error().orElse("?") + ")");
            out.printf(Locale.ROOT, "%-18s %-7s %s%n", e.name(), e.origin().name().toLowerCase(Locale.ROOT), what);
        }
        out.flush();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Progress on stderr, once a second, for runs that last more than a couple of seconds. */
    private static final class ProgressPrinter implements LoadDriver.Progress {
        private final PrintWriter err;
        private final long t0;
        private volatile long lastPrint;
        private volatile boolean printed;

        ProgressPrinter(PrintWriter err, long t0) {
            this.err = err;
            this.t0 = t0;
            this.lastPrint = t0;
        }

        @Override
        public void update(int submitted, int ended, int total) {
            long now = System.nanoTime();
            if (now - t0 < PROGRESS_AFTER_NANOS || now - lastPrint < 1_000_000_000L) {
                return;
            }
            synchronized (this) {
                if (now - lastPrint < 1_000_000_000L) {
                    return;
                }
                lastPrint = now;
                printed = true;
                err.printf(Locale.ROOT, "run: %5.1f%%  %d/%d submitted, %d ended, %.1f s%n",
                        100.0 * submitted / total, submitted, total, ended, (now - t0) / 1e9);
                err.flush();
            }
        }

        void finish(int total) {
            if (printed) {
                err.printf(Locale.ROOT, "run: 100.0%%  %d/%d submitted, %d ended, %.1f s%n", total, total, total,
                        (System.nanoTime() - t0) / 1e9);
                err.flush();
            }
        }
    }
}
