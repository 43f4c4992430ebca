package dev.helixrouter.cli;

import dev.helixrouter.adapt.AdaptiveLayer;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.http.BindAddress;
import dev.helixrouter.http.ConfigFileWatcher;
import dev.helixrouter.http.HelixHttpServer;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPattern;
import dev.helixrouter.workload.LoadDriver;
import dev.helixrouter.workload.RunOverrides;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.ScenarioException;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code helixrouter serve}: the engine behind the HTTP API (dashboard, stats, config,
 * telemetry, decision stream, Prometheus), with an optional simulator feeding it, until the
 * process is stopped (Ctrl-C or SIGTERM).
 *
 * <p>By default the simulator submits the original HelixRouter's warm-up — the
 * {@code seed-default} preset: {@code HELIX_SIM_JOBS} (200) jobs of seed {@code HELIX_SIM_SEED}
 * (7), all at once — and the server keeps serving after it ends. {@code --scenario} drives
 * another preset; {@code --no-sim} serves the bare engine for real clients.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Serves the HTTP API with the engine, without a GUI.",
            "",
            "Runs until stopped (Ctrl-C). Live dashboard at /, JSON API under /api (stats, config, telemetry, neural, decision stream) and "
                    + "Prometheus metrics at /metrics; see docs/HTTP.md. A simulator feeds the router the original "
                    + "warm-up (200 jobs at once) unless --scenario names another preset or --no-sim turns it off.",
        },
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:Stopped cleanly (stopped by a signal, the JVM reports 128 + the signal after the clean "
                + "stop: 130 for Ctrl-C, 143 for SIGTERM).", "1:Failure: cannot listen on the address, no HELIX_API_TOKEN for a "
                + "non-loopback address, or a bad config file or scenario.", ExitCodes.USAGE_TEXT},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  HELIX_HTTP_ADDR    default for --addr (default 127.0.0.1:8080)",
            "  HELIX_API_TOKEN    bearer token for mutating requests (required beyond",
            "                     loopback)",
            "  HELIX_CONFIG_PATH  default for --config",
            "  HELIX_SIM_JOBS     default for --jobs",
            "  HELIX_SIM_SEED     default for --seed",
            "",
            "Examples:",
            "  helixrouter serve",
            "  helixrouter serve --scenario steady --addr 127.0.0.1:9000",
            "  HELIX_API_TOKEN=s3cret helixrouter serve --no-sim --addr 0.0.0.0:8080 \\",
            "      --allow-host router.internal",
        })
final class ServeCommand implements Callable<Integer> {
    static final String ADDR_ENV = "HELIX_HTTP_ADDR";
    static final String TOKEN_ENV = "HELIX_API_TOKEN";
    static final String CONFIG_ENV = "HELIX_CONFIG_PATH";
    static final String JOBS_ENV = "HELIX_SIM_JOBS";
    static final String SEED_ENV = "HELIX_SIM_SEED";
    static final String DEFAULT_SCENARIO = "seed-default";
    /** How often the config file is checked for changes. */
    static final Duration CONFIG_POLL = Duration.ofMillis(500);

    /** When serving ends. The standard one waits for the JVM's shutdown (Ctrl-C, SIGTERM); tests return at once. */
    interface Lifetime {
        /** Blocks while the server should serve. */
        void await(Running running) throws InterruptedException;

        /** Everything has been closed (the standard lifetime lets the JVM finish shutting down). */
        default void closed() {}
    }

    /** What a running {@code serve} consists of. */
    record Running(HelixHttpServer server, HelixRouter router, Optional<LoadDriver.Run> simulation) {}

    @Spec
    CommandSpec spec;

    @Option(names = "--addr", paramLabel = "HOST:PORT",
            description = "Address to listen on (default: $" + ADDR_ENV + ", else " + BindAddress.DEFAULT + "). "
                    + "Beyond loopback, $" + TOKEN_ENV + " is required.")
    String addr;

    @Option(names = {"-s", "--scenario"}, paramLabel = "SCENARIO",
            description = "Drive this preset (name or file) instead of the warm-up.")
    String scenarioName;

    @Option(names = "--no-sim", description = "No simulator: serve the bare engine.")
    boolean noSim;

    @Option(names = "--jobs", paramLabel = "N", description = "Simulated jobs (default: $" + JOBS_ENV
            + ", else the scenario's; the warm-up's is 200).")
    Long jobs;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated jobs (default: $" + SEED_ENV
            + ", else the scenario's; the warm-up's is 7).")
    Long seed;

    @Option(names = "--load", paramLabel = "X", defaultValue = "1.0",
            description = "Multiply the scenario's arrival rates by X (default ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Router config file, applied over the defaults (or the scenario's config) and reloaded "
                    + "whenever it changes (default: $" + CONFIG_ENV + ").")
    Path configFile;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "Also accept this name in the Host header (repeatable), e.g. the DNS name clients use; "
                    + "localhost and loopback addresses are always accepted, and so is the address listened on.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--callers", paramLabel = "N",
            description = "Caller threads of the simulator (default: the number of cores).")
    Integer callers;

    private final Map<String, String> env;
    private final ScenarioCatalog catalog;
    private final CalibrationCache calibrationCache;
    private final Supplier<Calibrator.Builder> calibrator;
    private final Lifetime lifetime;

    ServeCommand(Map<String, String> env, ScenarioCatalog catalog, CalibrationCache calibrationCache,
                 Supplier<Calibrator.Builder> calibrator, Lifetime lifetime) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calibrationCache = Objects.requireNonNull(calibrationCache, "calibrationCache");
        this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** The real thing: presets and calibration under the user's home, serving until the JVM shuts down. */
    static ServeCommand standard(Map<String, String> env) {
        return new ServeCommand(env, new ScenarioCatalog(), new CalibrationCache(), Calibrator::builder,
                new UntilShutdown());
    }

    /** A refusal that names what is wrong; exits with {@link ExitCodes#FAILURE}. */
    private static final class ServeFailure extends RuntimeException {
        ServeFailure(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return serve(out, err);
        } catch (ServeFailure e) {
            err.println("helixrouter serve: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    private int serve(PrintWriter out, PrintWriter err) {
        validateFlags();
        BindAddress bind = bindAddress();
        String token = env.getOrDefault(TOKEN_ENV, "");
        if (!bind.isLoopback() && token.isBlank()) {
            throw new ServeFailure("refusing to listen on " + bind + " without an API token. Beyond loopback anyone "
                    + "who reaches the port could reconfigure the router: set " + TOKEN_ENV + " (mutating requests "
                    + "then need 'Authorization: Bearer <token>'), or listen on 127.0.0.1.");
        }
        Optional<Scenario> scenario = noSim ? Optional.empty() : Optional.of(resolveScenario());
        RouterConfig base = scenario.map(this::scenarioConfig).orElseGet(RouterConfig::defaults);
        Path file = configFile != null ? configFile : envPath(CONFIG_ENV);
        RouterConfig initial = file == null ? base : loadConfigFile(file, base);
        List<Arrival> arrivals = scenario.map(s -> plan(s, err)).orElse(List.of());

        dev.helixrouter.engine.RouterBuilder builder = HelixRouter.builder();
        AdaptiveLayer adaptive = AdaptiveLayer.install(builder, initial, RouterConfig.machineCores(),
                AdaptiveLayer.weightsPathFromEnv());
        HelixRouter router = adaptive.attach(builder.build());
        ConfigFileWatcher watcher = null;
        HelixHttpServer server = null;
        LoadDriver.Run sim = null;
        try {
            HelixHttpServer.Builder http = HelixHttpServer.builder(router).bind(bind).apiToken(token);
            for (String h : allowHosts) {
                http.allowHost(h);
            }
            if (file != null) {
                watcher = new ConfigFileWatcher(router.config(), file, base, CONFIG_POLL);
                http.configWatcher(watcher);
            }
            server = startServer(http, bind);
            if (watcher != null) {
                watcher.start("helix-config-watch");
            }
            out.println("helixrouter serve: listening on " + server.uri() + " (dashboard; JSON API under /api, "
                    + "Prometheus metrics at /metrics)");
            if (file != null) {
                out.println("helixrouter serve: config file " + file + " (reloaded when it changes)");
            }
            if (scenario.isPresent()) {
                Scenario s = scenario.get();
                out.printf(Locale.ROOT, "helixrouter serve: simulator: scenario %s, seed %d, %d jobs%n", s.name(),
                        s.seed(), arrivals.size());
                sim = ServeSimulator.start(router, arrivals, callers != null ? callers : RouterConfig.machineCores(),
                        out);
            } else {
                out.println("helixrouter serve: no simulator; submit work through the engine's API");
            }
            if (!token.isBlank()) {
                out.println("helixrouter serve: mutating requests need 'Authorization: Bearer <" + TOKEN_ENV + ">'");
            }
            out.flush();
            lifetime.await(new Running(server, router, Optional.ofNullable(sim)));
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        } finally {
            if (sim != null) {
                sim.stop();
            }
            if (watcher != null) {
                watcher.close();
            }
            if (server != null) {
                server.close();
            }
            router.close();
            lifetime.closed();
        }
    }

    private HelixHttpServer startServer(HelixHttpServer.Builder http, BindAddress bind) {
        try {
            return http.start();
        } catch (BindException e) {
            throw new ServeFailure("cannot listen on " + bind + ": " + e.getMessage()
                    + " (is another server using the port? choose another with --addr)");
        } catch (IOException | UncheckedIOException e) {
            throw new ServeFailure("cannot listen on " + bind + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new ServeFailure(e.getMessage());
        }
    }


    // ---------------------------------------------------------------- options

    private void validateFlags() {
        if (noSim && scenarioName != null) {
            throw usage("--no-sim and --scenario exclude each other: --no-sim serves the bare engine");
        }
        if (!(load > 0 && Double.isFinite(load) && load <= ArrivalPattern.MAX_LOAD)) {
            throw usage("--load must be a number > 0 and <= " + ArrivalPattern.MAX_LOAD + ", was " + load);
        }
        if (jobs != null && (jobs < 1 || jobs > Integer.MAX_VALUE)) {
            throw usage("--jobs must be within 1.." + Integer.MAX_VALUE + ", was " + jobs);
        }
        if (callers != null && (callers < 1 || callers > 1024)) {
            throw usage("--callers must be within 1..1024, was " + callers);
        }
        for (String h : allowHosts) {
            if (!h.matches("[A-Za-z0-9.\\-]{1,253}")) {
                throw usage("--allow-host must be a host name without port, was '" + h + "'");
            }
        }
    }

    private BindAddress bindAddress() {
        String source = addr != null ? "--addr" : ADDR_ENV;
        String text = addr != null ? addr : env.get(ADDR_ENV);
        if (text == null || text.isBlank()) {
            return BindAddress.parse(BindAddress.DEFAULT);
        }
        try {
            return BindAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(source + ": " + e.getMessage() + " (e.g. 127.0.0.1:8080)");
        }
    }

    private Scenario resolveScenario() {
        String name = scenarioName != null ? scenarioName : DEFAULT_SCENARIO;
        Scenario s;
        try {
            s = catalog.find(name);
        } catch (ScenarioException e) {
            if (e.source().isEmpty() && !Files.exists(Path.of(name))) {
                throw usage(e.getMessage());
            }
            throw new ServeFailure(e.getMessage());
        }
        RunOverrides o = RunOverrides.NONE;
        Long sd = seed != null ? seed : CommandInputs.envLong(env, spec, SEED_ENV, Long.MIN_VALUE, Long.MAX_VALUE);
        if (sd != null) {
            o = o.withSeed(sd);
        }
        Long n = jobs != null ? jobs : CommandInputs.envLong(env, spec, JOBS_ENV, 1, Integer.MAX_VALUE);
        if (n != null) {
            o = o.withJobs(n);
        }
        return o.applyTo(s);
    }

    private RouterConfig scenarioConfig(Scenario s) {
        try {
            return s.routerConfig();
        } catch (ConfigException e) {
            throw new ServeFailure("scenario " + s.name() + ": " + CommandInputs.describe(e.violations(), "config."));
        }
    }

    private static RouterConfig loadConfigFile(Path file, RouterConfig base) {
        try {
            return ConfigFileWatcher.load(file, base);
        } catch (NoSuchFileException e) {
            throw new ServeFailure("config file " + file + " does not exist");
        } catch (IOException | UncheckedIOException e) {
            throw new ServeFailure("config file " + file + " cannot be read: " + e.getMessage());
        } catch (ConfigException e) {
            throw new ServeFailure("config file " + file + " is not a valid config: "
                    + CommandInputs.describe(e.violations(), ""));
        }
    }


    private List<Arrival> plan(Scenario s, PrintWriter err) {
        try {
            return ServeSimulator.plan(s, load, calibrationCache, calibrator, err);
        } catch (IllegalArgumentException e) {
            throw new ServeFailure("scenario " + s.name() + ": " + e.getMessage());
        }
    }

    private Path envPath(String name) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Path.of(raw.trim());
        } catch (RuntimeException e) {
            throw usage(name + " is not a file path: '" + raw + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
