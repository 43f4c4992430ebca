package dev.helixrouter.lab.model;

import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.lab.run.RunFactory;
import dev.helixrouter.lab.run.RunSession;
import dev.helixrouter.lab.run.RunSpec;
import dev.helixrouter.lab.run.TimeMode;
import dev.helixrouter.workload.ArrivalPattern;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The lab window's view model: the toolbar's settings and commands (scenario, time mode, seed,
 * load, Start / Pause / Stop / Reset), the current {@link RunSession}, and the view models of
 * every panel, which it feeds from the router's published snapshot on each {@link #tick}.
 *
 * <p><b>Threads.</b> Everything here runs on the UI thread. Slow work — calibrating, planning a
 * run, closing a router — goes to the {@link TaskRunner}'s platform threads, and its results come
 * back on the UI thread. The engine never calls into this class: {@link #tick} (about
 * {@value #REFRESH_HZ} times a second, from the window's timeline) reads one volatile snapshot
 * and polls the decision feed, whatever the job rate.
 *
 * <p><b>Config.</b> The tuning panel is bound to the running router's store while a run is on
 * (for a virtual run, the session's store, which the simulation forwards to its router), and to
 * a draft store otherwise; Start runs with whatever the panel holds. The draft starts from the
 * defaults of the machine the run will use: in virtual time, the modelled cores, so changing
 * them moves {@code cpu_parallelism} and {@code cpu_queue_cap} along unless they were tuned.
 */
public final class LabViewModel {
    /** How often the window calls {@link #tick}. */
    public static final int REFRESH_HZ = 10;
    /** Largest load multiplier offered. */
    public static final double MAX_LOAD = ArrivalPattern.MAX_LOAD;
    /** How long one report of injected upstream pressure lasts; the tick renews it. */
    static final Duration INJECTED_PRESSURE_TTL = Duration.ofSeconds(1);

    private final TaskRunner tasks;
    private final RunSettings settings;
    private final Notifications notifications = new Notifications();
    private final ScenarioPicker picker;
    private final RunStatus status = new RunStatus();
    private final TuningViewModel tuning;
    private final OverviewViewModel overview = new OverviewViewModel();
    private final StrategyTableViewModel tables = new StrategyTableViewModel();
    private final DecisionFeedViewModel decisions = new DecisionFeedViewModel();
    private final LearnedPolicyViewModel learned;
    private final AutoscalerViewModel autoscaler;
    private final PresetFiles files;

    private final DoubleProperty injectedPressure = new SimpleDoubleProperty(this, "injectedPressure");

    private Scenario scenario;
    private RunSession session;
    private TaskRunner.Handle preparing;
    private RouterSnapshot shown;
    private int draftCores;
    private boolean closed;
    private long ticks;
    private long updates;
    private double reportedPressure;

    /**
     * A lab on {@code catalog}'s scenarios, running them with {@code factories} (one per time
     * mode), slow work on {@code tasks}, tuning edits debounced by {@code debouncer}.
     */
    public LabViewModel(ScenarioCatalog catalog, Map<TimeMode, RunFactory> factories, TaskRunner tasks,
                        Debouncer debouncer, int machineCores) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.settings = new RunSettings(factories, machineCores, notifications);
        this.picker = new ScenarioPicker(catalog);
        this.tuning = new TuningViewModel(debouncer);
        this.learned = new LearnedPolicyViewModel(p -> tuning.applyPatch(p, "the learned-policy view"));
        this.autoscaler = new AutoscalerViewModel(p -> tuning.applyPatch(p, "the autoscaler switch"));
        this.files = new PresetFiles(this, catalog, notifications);
        this.draftCores = settings.cores();
        settings.timeModeProperty().addListener((o, was, now) -> machineChanged());
        settings.modelledCoresProperty().addListener((o, was, now) -> machineChanged());
        settings.paceProperty().addListener((o, was, now) -> {
            if (session != null && now != null) {
                session.pace(now);
            }
        });
    }

    // ------------------------------------------------------------------ scenarios

    /** Selects the preset or scenario file {@code nameOrPath}; false, with a notice, if it cannot. */
    public boolean selectScenario(String nameOrPath) {
        Optional<ScenarioCatalog.Entry> e = picker.find(nameOrPath);
        if (e.isEmpty()) {
            notifications.error("No preset named '" + nameOrPath + "' and no such file",
                    "Available: " + String.join(", ", picker.runnableNames()));
            return false;
        }
        return select(e.get());
    }

    /**
     * Makes {@code entry} the scenario of the next run, its config the tuning panel's draft. A
     * preset that cannot be read is refused with a notice naming the file and the field at
     * fault, and nothing changes — in particular not a running router.
     */
    public boolean select(ScenarioCatalog.Entry entry) {
        if (entry == null) {
            return false;
        }
        if (entry.scenario().isEmpty()) {
            notifications.error("Cannot use the preset '" + entry.name() + "' (" + entry.location() + ")",
                    entry.error().orElse("unreadable"));
            return false;
        }
        if (!status.settingsEditableProperty().get()) {
            notifications.warning("Stop the run first", "The scenario of a running run cannot change.");
            return false;
        }
        Scenario s = entry.scenario().get();
        RouterConfig preset;
        try {
            preset = s.routerConfig(RouterConfig.defaults(settings.cores()));
        } catch (ConfigException e) {
            StringBuilder sb = new StringBuilder();
            e.violations().forEach(v -> sb.append(entry.location()).append(": config.").append(v.key()).append(": ")
                    .append(v.message()).append('\n'));
            notifications.error("Cannot use the preset '" + entry.name() + "' on this machine", sb.toString().strip());
            return false;
        }
        scenario = s;
        draftCores = settings.cores();
        picker.setSelected(entry);
        settings.seedTextProperty().set(Long.toString(s.seed()));
        tuning.attachDraft(preset, preset);
        if (notifications.current() != null && notifications.current().level() != Notifications.Level.INFO) {
            notifications.dismiss();
        }
        return true;
    }

    /**
     * The machine of the next run changed (time mode or modelled cores): the preset's config is
     * now the scenario's over that machine's defaults, and the draft's keys that still had the
     * old machine's default values take the new ones; keys the user tuned stay.
     */
    private void machineChanged() {
        int cores = settings.cores();
        if (cores == draftCores || scenario == null || !status.settingsEditableProperty().get()) {
            return;
        }
        RouterConfig oldPreset;
        RouterConfig newPreset;
        try {
            oldPreset = scenario.routerConfig(RouterConfig.defaults(draftCores));
            newPreset = scenario.routerConfig(RouterConfig.defaults(cores));
        } catch (ConfigException e) {
            notifications.warning("The preset does not fit a machine of " + cores + " cores",
                    e.violations().getFirst().key() + ": " + e.violations().getFirst().message());
            return;
        }
        draftCores = cores;
        if (tuning.pendingProperty().get()) {
            tuning.apply();
        }
        RouterConfig draft = tuning.configInForce();
        ConfigPatch.Builder follow = ConfigPatch.builder();
        for (ConfigKey k : ConfigPatch.between(oldPreset, newPreset).keys()) {
            if (Objects.equals(k.valueIn(draft), k.valueIn(oldPreset))) {
                follow.set(k, k.valueIn(newPreset));
            }
        }
        RouterConfig next = draft;
        try {
            RouterConfig moved = follow.build().applyTo(draft);
            next = moved.violations().isEmpty() ? moved : draft;
        } catch (ConfigException e) {
            // a tuned key rules the moved ones out: the draft stays as it is
        }
        tuning.attachDraft(next, newPreset);
    }

    // ------------------------------------------------------------------ commands

    /** Starts a run of the selected scenario with the toolbar's settings and the tuning panel's config. */
    public void start() {
        if (closed || !status.canStartProperty().get()) {
            return;
        }
        Optional<RunSpec> spec = spec();
        if (spec.isEmpty()) {
            return;
        }
        RunFactory factory = settings.factory(spec.get().timeMode());
        discardSession();
        // Until the new router exists, edits go to a draft; started() carries them over.
        tuning.attachDraft(spec.get().config(), tuning.preset());
        status.set(RunState.PREPARING);
        status.progress(-1, "Preparing\u2026");
        status.elapsed(DisplayFormat.elapsed(Duration.ZERO));
        status.runInfo("");
        preparing = tasks.submit("prepare-run", prep -> factory.start(spec.get(), prep), status::progress,
                this::started, this::startFailed);
    }

    private Optional<RunSpec> spec() {
        if (scenario == null) {
            notifications.error("No scenario selected", "Pick a scenario in the toolbar.");
            return Optional.empty();
        }
        if (tuning.pendingProperty().get()) {
            tuning.apply();
        }
        if (tuning.hasProblems()) {
            notifications.error("The tuning panel has invalid values", "Fix the marked fields: "
                    + tuning.statusTextProperty().get());
            return Optional.empty();
        }
        RunSettings.Attempt a = settings.spec(scenario, tuning.configInForce());
        if (a.spec().isEmpty()) {
            notifications.error(a.title(), a.detail());
        }
        return a.spec();
    }

    private void started(RunSession s) {
        preparing = null;
        if (closed || status.state() != RunState.PREPARING) {
            tasks.execute("close-run", s::close);
            return;
        }
        session = s;
        shown = null;
        reportedPressure = 0;
        ConfigPatch editedMeanwhile = ConfigPatch.between(s.spec().config(), tuning.configInForce());
        tuning.attach(s.configStore(), tuning.preset(), true);
        s.pace(settings.paceProperty().get());
        if (!editedMeanwhile.isEmpty()) {
            tuning.applyPatch(editedMeanwhile, "edits made while the run was being prepared");
        }
        RouterSnapshot first = s.router().snapshot();
        decisions.attach(s.router().decisions(), first.takenAtNanos() - first.uptimeNanos());
        status.set(RunState.RUNNING);
        tick(System.nanoTime());
    }

    private void startFailed(Throwable t) {
        preparing = null;
        if (t instanceof CancellationException || closed) {
            if (status.state() == RunState.PREPARING) {
                status.set(RunState.IDLE);
                status.progress(0, "");
            }
            return;
        }
        status.set(RunState.FAILED);
        status.progress(0, "");
        notifications.error("The run could not start", t.getMessage() == null ? t.toString() : t.getMessage());
    }

    /** Pauses the arrivals, or resumes them. */
    public void togglePause() {
        if (session == null) {
            return;
        }
        if (status.state() == RunState.RUNNING) {
            session.pause();
            status.set(RunState.PAUSED);
        } else if (status.state() == RunState.PAUSED) {
            session.resume();
            status.set(RunState.RUNNING);
        }
    }

    /** Stops the arrivals (the jobs in flight still end), or cancels a run being prepared. */
    public void stop() {
        if (status.state() == RunState.PREPARING && preparing != null) {
            preparing.cancel();
            status.set(RunState.IDLE);
            status.progress(0, "Cancelled");
        } else if (session != null && (status.state() == RunState.RUNNING || status.state() == RunState.PAUSED)) {
            session.stop();
            status.set(RunState.STOPPING);
        }
    }

    /** Ends the run (closing its router in the background) and clears every panel; the tuning stays. */
    public void reset() {
        if (closed || !status.canResetProperty().get()) {
            return;
        }
        if (preparing != null) {
            preparing.cancel();
            preparing = null;
        }
        RouterConfig keep = tuning.configInForce();
        discardSession();
        tuning.attachDraft(keep, tuning.preset());
        status.set(RunState.IDLE);
        status.progress(0, "");
        status.elapsed(DisplayFormat.elapsed(Duration.ZERO));
        status.runInfo("");
    }

    private void discardSession() {
        RunSession old = session;
        session = null;
        shown = null;
        if (old != null) {
            tasks.execute("close-run", old::close);
        }
        overview.clear();
        tables.clear();
        decisions.clear();
        learned.clear(tuning.configInForce());
        autoscaler.clear();
    }

    /** Closes the lab: cancels a preparation and closes the run's router (may block for its grace). */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (preparing != null) {
            preparing.cancel();
        }
        if (session != null) {
            session.close();
        }
        status.close();
    }

    // ------------------------------------------------------------------ refresh

    /** Reads the run and the router's published state; call about {@value #REFRESH_HZ} times a second. */
    public void tick(long nowNanos) {
        ticks++;
        tuning.tick();
        RunSession s = session;
        if (s == null) {
            return;
        }
        decisions.poll(nowNanos);
        boolean finished = s.isFinished();
        int ended = s.ended();
        status.progress(s.plannedJobs() > 0 ? (double) ended / s.plannedJobs() : 0,
                DisplayFormat.count(ended) + " / " + DisplayFormat.count(s.plannedJobs()) + " jobs ended");
        status.elapsed(DisplayFormat.elapsed(s.elapsed()));
        List<RouterSnapshot> between = s.newSnapshots();
        RouterSnapshot snap = s.router().snapshot();
        if (snap != shown) {
            RouterConfig cfg = s.router().currentConfig().config();
            for (RouterSnapshot b : between) {
                // Published since the last tick (a virtual run outpaces the refresh): the charts keep every interval.
                if (b.sequence() < snap.sequence() && (shown == null || b.sequence() > shown.sequence())) {
                    overview.show(b, cfg);
                }
            }
            shown = snap;
            updates++;
            overview.show(snap, cfg);
            tables.show(snap);
            learned.show(snap, cfg);
            autoscaler.show(snap, cfg);
            status.runInfo(runInfoText(s, snap));
        }
        injectPressure(s);
        if (finished && status.state().isActive()) {
            if (s.failure().isPresent()) {
                status.set(RunState.FAILED);
                notifications.error("The run broke off", String.valueOf(s.failure().get()));
            } else {
                status.set(RunState.FINISHED);
                if (settings.loopProperty().get() && !s.isStopped()) {
                    start();
                }
            }
        }
    }

    /** Plays the upstream system: reports the slider's pressure while it is above 0, then 0 once. */
    private void injectPressure(RunSession s) {
        double p = Math.clamp(injectedPressure.get(), 0, 1);
        if ((p > 0 || reportedPressure > 0) && !s.router().isClosed()) {
            s.reportExternalPressure(p, INJECTED_PRESSURE_TTL);
            reportedPressure = p;
        }
    }

    private static String runInfoText(RunSession s, RouterSnapshot snap) {
        double lambda = s.info().lambdaStar();
        String capacity = Double.isFinite(lambda)
                ? String.format(Locale.ROOT, " \u00b7 \u03bb* %,.0f jobs/s on %d cores", lambda, s.spec().cores())
                : " \u00b7 all at once";
        String clock = s.spec().timeMode().wireName() + " time";
        if (s.spec().timeMode() == TimeMode.VIRTUAL) {
            double x = s.speedup();
            clock += Double.isFinite(x) ? " \u00b7 " + DisplayFormat.speedup(x) + " real time" : "";
        }
        return String.format(Locale.ROOT, "%s \u00b7 seed %d \u00b7 load \u00d7%s%s \u00b7 snapshot #%d \u00b7 "
                        + "config v%d \u00b7 %d CPU workers \u00b7 %s", s.spec().scenario().name(),
                s.spec().scenario().seed(), DisplayFormat.decimal(s.spec().loadMultiplier()), capacity,
                snap.sequence(), snap.configVersion(), snap.parallelism(), clock);
    }

    // ------------------------------------------------------------------ state

    /** The session of the current run, if one has started. */
    public Optional<RunSession> session() {
        return Optional.ofNullable(session);
    }

    /** The scenario of the next run (as selected, without the toolbar's overrides). */
    public Optional<Scenario> scenario() {
        return Optional.ofNullable(scenario);
    }

    /** The toolbar's run settings: time mode, seed, load, loop. */
    public RunSettings settings() {
        return settings;
    }

    /** Refresh ticks so far, and the ticks among them that showed a new snapshot (the UI update rate). */
    public long[] refreshCounts() {
        return new long[] {ticks, updates};
    }

    public Notifications notifications() {
        return notifications;
    }

    /** The scenario picker. */
    public ScenarioPicker picker() {
        return picker;
    }

    /** The run's state, commands and progress. */
    public RunStatus status() {
        return status;
    }

    public TuningViewModel tuning() {
        return tuning;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public StrategyTableViewModel tables() {
        return tables;
    }

    public DecisionFeedViewModel decisions() {
        return decisions;
    }

    public LearnedPolicyViewModel learnedPolicy() {
        return learned;
    }

    public AutoscalerViewModel autoscaler() {
        return autoscaler;
    }

    /** Saving presets, importing configs, exporting reports. */
    public PresetFiles files() {
        return files;
    }

    /**
     * Pressure the user injects as if from an upstream system (0 to 1), reported to the running
     * router on every tick with a short TTL; 0 stops.
     */
    public DoubleProperty injectedPressureProperty() {
        return injectedPressure;
    }

}
