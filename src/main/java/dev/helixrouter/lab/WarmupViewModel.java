package dev.helixrouter.lab;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The warm-up window's view model: it owns the current {@link WarmupRun} and turns the router's
 * published snapshots into read-only properties the view binds to.
 *
 * <p><b>Throttling.</b> A {@link Timeline} on the FX thread polls at {@value #REFRESH_HZ} Hz: it
 * reads the run's latest snapshot (one volatile read) and its live ended-count, and updates the
 * properties only when something changed. The engine never posts to the FX thread, so the event
 * queue cannot flood however fast jobs end.
 *
 * <p>Must be used on the FX thread. {@link #restart()} closes the previous run on a short-lived
 * platform thread, since closing a router may wait out its shutdown grace.
 */
public final class WarmupViewModel {
    /** How often the view refreshes from the engine. */
    public static final int REFRESH_HZ = 10;
    private static final AtomicInteger CLOSERS = new AtomicInteger();

    private final RouterConfig config;
    private final int jobs;
    private final long seed;
    private final Timeline ticker;
    private WarmupRun run;
    private RouterSnapshot shown;
    private boolean closed;

    private final ReadOnlyLongWrapper submitted = new ReadOnlyLongWrapper(this, "submitted");
    private final ReadOnlyLongWrapper completed = new ReadOnlyLongWrapper(this, "completed");
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyLongWrapper failed = new ReadOnlyLongWrapper(this, "failed");
    private final ReadOnlyLongWrapper inFlight = new ReadOnlyLongWrapper(this, "inFlight");
    private final ReadOnlyLongWrapper met = new ReadOnlyLongWrapper(this, "met");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper snapshotInfo = new ReadOnlyStringWrapper(this, "snapshotInfo", "");
    private final ObservableList<StrategyRow> strategyRows = FXCollections.observableArrayList();
    private final ObservableList<DropCount> dropsByReason = FXCollections.observableArrayList();
    private final ObservableList<KindRow> kindRows = FXCollections.observableArrayList();
    private final ObservableList<KindRow> kindRowsView = FXCollections.unmodifiableObservableList(kindRows);
    private final ObservableList<StrategyRow> strategyRowsView = FXCollections.unmodifiableObservableList(strategyRows);
    private final ObservableList<DropCount> dropsByReasonView = FXCollections.unmodifiableObservableList(dropsByReason);

    /** A count of drops for one reason. */
    public record DropCount(DropReason reason, long count) {
        /** The reason's wire name. */
        public String name() {
            return reason.wireName();
        }
    }

    /** A view model for warm-ups of {@code jobs} jobs from {@code seed} on routers built with {@code config}. */
    public WarmupViewModel(RouterConfig config, int jobs, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        this.jobs = jobs;
        this.seed = seed;
        this.ticker = new Timeline(new KeyFrame(Duration.millis(1000.0 / REFRESH_HZ), e -> refresh()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    /** Starts the first run and the refresh ticker. */
    public void start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (run == null) {
            run = WarmupRun.start(config, jobs, seed);
            shown = null;
            refresh();
            ticker.play();
        }
    }

    /** Abandons the current run (closing its router in the background) and starts a fresh one. */
    public void restart() {
        if (closed) {
            return;
        }
        WarmupRun old = run;
        run = null;
        if (old != null) {
            Thread.ofPlatform().name("helix-lab-closer-" + CLOSERS.incrementAndGet()).daemon(true).start(old::close);
        }
        start();
    }

    /**
     * Stops refreshing and closes the current run, waiting for its router to stop (bounded by the
     * router's shutdown grace). Call when the window goes away. Idempotent.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.stop();
        if (run != null) {
            run.close();
        }
        running.set(false);
    }

    /** Reads the engine now and updates every property that changed (the ticker calls this). */
    public void refresh() {
        WarmupRun r = run;
        if (r == null) {
            return;
        }
        boolean finished = r.isFinished();
        running.set(!finished);
        int ended = r.endedCount();
        progress.set((double) ended / r.jobs());
        progressText.set(DisplayFormat.count(ended) + " / " + DisplayFormat.count(r.jobs()) + " jobs ended");
        status.set(statusText(r, finished));
        RouterSnapshot s = r.snapshot();
        if (s != shown) {
            shown = s;
            show(s);
        }
    }

    private static String statusText(WarmupRun r, boolean finished) {
        if (r.error() != null) {
            return "Failed: " + r.error();
        }
        String elapsed = formatElapsed(r.elapsed());
        return finished ? "Finished in " + elapsed : "Running\u2026 " + elapsed;
    }

    private static String formatElapsed(java.time.Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms < 10_000 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%,.1f s", ms / 1000);
    }

    private void show(RouterSnapshot s) {
        submitted.set(s.submitted());
        completed.set(s.completed());
        dropped.set(s.dropped());
        failed.set(s.failed());
        inFlight.set(s.inFlight());
        long metTotal = 0;
        long routedTotal = 0;
        for (Strategy st : Strategy.values()) {
            metTotal += s.strategy(st).met();
            routedTotal += s.strategy(st).routed();
        }
        List<StrategyRow> rows = new ArrayList<>(Strategy.values().length);
        for (Strategy st : Strategy.values()) {
            rows.add(StrategyRow.of(s.strategy(st), routedTotal));
        }
        met.set(metTotal);
        replaceChanged(strategyRows, rows);
        replaceChanged(kindRows, s.kinds().values().stream().map(KindRow::of).toList());
        List<DropCount> drops = new ArrayList<>();
        for (DropReason reason : DropReason.values()) {
            drops.add(new DropCount(reason, s.droppedByReason().getOrDefault(reason, 0L)));
        }
        replaceChanged(dropsByReason, drops);
        snapshotInfo.set("Snapshot #" + s.sequence() + " at " + formatElapsed(java.time.Duration.ofNanos(s.uptimeNanos()))
                + " of router uptime \u00b7 config v" + s.configVersion() + " \u00b7 " + s.parallelism()
                + " CPU workers \u00b7 busy gate threshold " + config.busyThreshold());
    }

    /** Sets only the elements that changed, so the table keeps its rows (and their tooltips). */
    private static <T> void replaceChanged(ObservableList<T> list, List<T> next) {
        if (list.size() != next.size()) {
            list.setAll(next);
            return;
        }
        for (int i = 0; i < next.size(); i++) {
            if (!list.get(i).equals(next.get(i))) {
                list.set(i, next.get(i));
            }
        }
    }

    // ------------------------------------------------------------------ read-only state

    /** The current run, or null before {@link #start()}. */
    public WarmupRun currentRun() {
        return run;
    }

    /** Jobs per warm-up. */
    public int jobs() {
        return jobs;
    }

    /** The generator's seed. */
    public long seed() {
        return seed;
    }

    /** The router configuration each run uses. */
    public RouterConfig config() {
        return config;
    }

    public ReadOnlyLongProperty submittedProperty() {
        return submitted.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty completedProperty() {
        return completed.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty inFlightProperty() {
        return inFlight.getReadOnlyProperty();
    }

    /** Jobs completed within their latency budget. */
    public ReadOnlyLongProperty metProperty() {
        return met.getReadOnlyProperty();
    }

    /** Share of the run's handles that have ended, 0–1 (live, not from the snapshot). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** "Running… 120 ms" or "Finished in 412 ms". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Which snapshot is shown, and the router's shape. */
    public ReadOnlyStringProperty snapshotInfoProperty() {
        return snapshotInfo.getReadOnlyProperty();
    }

    /** One row per strategy, in {@link Strategy} order (read-only for the view). */
    public ObservableList<StrategyRow> strategyRows() {
        return strategyRowsView;
    }

    /** One row per job kind seen so far, by name (read-only for the view). */
    public ObservableList<KindRow> kindRows() {
        return kindRowsView;
    }

    /** Drops per reason, every reason present (read-only for the view). */
    public ObservableList<DropCount> dropsByReason() {
        return dropsByReasonView;
    }
}
