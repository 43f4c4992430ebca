package dev.helixrouter.lab.model;

import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The overview's view model: counters, the strategy donut, the pressure gauge, the CPU lane, and
 * the bounded time series of rates and latency percentiles — all from the router's published
 * snapshots, one {@link #show} per new snapshot.
 *
 * <p><b>Bounded history.</b> One point per metrics interval (at most one per
 * {@value #MIN_SPACING_SECS} s), kept for {@value #HISTORY_SECS} s and never more than
 * {@value #MAX_POINTS} points, so a lab left running for a day uses the memory of ten minutes.
 *
 * <p><b>The donut</b> shows the share of jobs routed over the last {@value #RECENT_SECS} seconds,
 * so a slider's effect shows within a second or two; when nothing was routed lately (the run is
 * over), it shows the shares since the start.
 */
public final class OverviewViewModel {
    /** Seconds of history the charts keep. */
    public static final double HISTORY_SECS = 600;
    /** Most points kept, whatever the interval. */
    public static final int MAX_POINTS = 1200;
    /** Closest spacing of points, seconds (a 10 ms metrics interval does not flood the charts). */
    public static final double MIN_SPACING_SECS = 0.5;
    /** Window of the donut's recent shares, seconds. */
    public static final double RECENT_SECS = 3;

    private final ReadOnlyLongWrapper submitted = new ReadOnlyLongWrapper(this, "submitted");
    private final ReadOnlyLongWrapper completed = new ReadOnlyLongWrapper(this, "completed");
    private final ReadOnlyLongWrapper met = new ReadOnlyLongWrapper(this, "met");
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyLongWrapper failed = new ReadOnlyLongWrapper(this, "failed");
    private final ReadOnlyLongWrapper inFlight = new ReadOnlyLongWrapper(this, "inFlight");
    private final ReadOnlyDoubleWrapper throughput = new ReadOnlyDoubleWrapper(this, "throughput");
    private final ReadOnlyDoubleWrapper goodput = new ReadOnlyDoubleWrapper(this, "goodput");
    private final ReadOnlyDoubleWrapper dropRate = new ReadOnlyDoubleWrapper(this, "dropRate");
    private final ReadOnlyDoubleWrapper pressure = new ReadOnlyDoubleWrapper(this, "pressure");
    private final ReadOnlyDoubleWrapper internalPressure = new ReadOnlyDoubleWrapper(this, "internalPressure");
    private final ReadOnlyDoubleWrapper externalPressure = new ReadOnlyDoubleWrapper(this, "externalPressure");
    private final ReadOnlyDoubleWrapper shedThreshold = new ReadOnlyDoubleWrapper(this, "shedThreshold", 0.9);
    private final ReadOnlyIntegerWrapper cpuBusy = new ReadOnlyIntegerWrapper(this, "cpuBusy");
    private final ReadOnlyIntegerWrapper parallelism = new ReadOnlyIntegerWrapper(this, "parallelism");
    private final ReadOnlyIntegerWrapper queueDepth = new ReadOnlyIntegerWrapper(this, "queueDepth");
    private final ReadOnlyIntegerWrapper queueCapacity = new ReadOnlyIntegerWrapper(this, "queueCapacity");
    private final ReadOnlyIntegerWrapper spawned = new ReadOnlyIntegerWrapper(this, "spawned");
    private final ReadOnlyIntegerWrapper spawnMax = new ReadOnlyIntegerWrapper(this, "spawnMax");
    private final ReadOnlyIntegerWrapper batchWaiting = new ReadOnlyIntegerWrapper(this, "batchWaiting");
    private final ReadOnlyLongWrapper spawnThreshold = new ReadOnlyLongWrapper(this, "spawnThreshold");
    private final ReadOnlyStringWrapper sharesCaption = new ReadOnlyStringWrapper(this, "sharesCaption", "no jobs yet");
    private final ObservableList<StrategyShare> shares = FXCollections.observableArrayList();
    private final ObservableList<HistoryPoint> history = FXCollections.observableArrayList();
    private final ObservableList<StrategyShare> sharesView = FXCollections.unmodifiableObservableList(shares);
    private final ObservableList<HistoryPoint> historyView = FXCollections.unmodifiableObservableList(history);
    private final List<Routed> recent = new ArrayList<>();
    private RouterSnapshot previous;

    private record Routed(double timeSecs, long[] counts) {}

    /** An empty overview. */
    public OverviewViewModel() {
        clear();
    }

    /** Forgets the run: counters to zero, empty donut and charts. */
    public void clear() {
        for (ReadOnlyLongWrapper w : List.of(submitted, completed, met, dropped, failed, inFlight)) {
            w.set(0);
        }
        throughput.set(0);
        goodput.set(0);
        dropRate.set(0);
        pressure.set(0);
        internalPressure.set(0);
        externalPressure.set(0);
        cpuBusy.set(0);
        queueDepth.set(0);
        spawned.set(0);
        batchWaiting.set(0);
        List<StrategyShare> none = new ArrayList<>();
        for (Strategy s : Strategy.values()) {
            none.add(new StrategyShare(s, 0, 0));
        }
        shares.setAll(none);
        sharesCaption.set("no jobs yet");
        history.clear();
        recent.clear();
        previous = null;
    }

    /** Shows a new snapshot of the router running with {@code config}. */
    public void show(RouterSnapshot s, RouterConfig config) {
        submitted.set(s.submitted());
        completed.set(s.completed());
        dropped.set(s.dropped());
        failed.set(s.failed());
        inFlight.set(s.inFlight());
        long metTotal = 0;
        for (Strategy st : Strategy.values()) {
            metTotal += s.strategy(st).met();
        }
        met.set(metTotal);
        if (s.intervalNanos() > 0) { // a router's closing snapshot spans no time: the last rates stand
            throughput.set(s.throughputPerSec());
            goodput.set(s.goodputPerSec());
            dropRate.set(s.dropRatePerSec());
        }
        pressure.set(s.pressure().effective());
        internalPressure.set(s.pressure().internal());
        externalPressure.set(s.pressure().external());
        shedThreshold.set(config.pressureShedThreshold());
        cpuBusy.set(s.cpuBusy());
        parallelism.set(s.parallelism());
        queueDepth.set(s.queueDepth());
        queueCapacity.set(s.queueCapacity());
        spawned.set(s.spawnedInFlight());
        spawnMax.set(config.spawnMaxInFlight());
        batchWaiting.set(s.batchDepths().values().stream().mapToInt(Integer::intValue).sum());
        spawnThreshold.set(s.adaptiveSpawnThreshold());
        updateShares(s);
        addHistory(s);
        previous = s;
    }

    private void updateShares(RouterSnapshot s) {
        double now = s.uptimeNanos() / 1e9;
        long[] counts = new long[Strategy.values().length];
        for (Strategy st : Strategy.values()) {
            counts[st.ordinal()] = s.routed(st);
        }
        recent.add(new Routed(now, counts));
        while (recent.size() > 2 && now - recent.get(1).timeSecs() >= RECENT_SECS) {
            recent.remove(0);
        }
        long[] window = counts.clone();
        Routed oldest = recent.getFirst();
        boolean windowed = false;
        if (oldest != recent.getLast()) {
            long sum = 0;
            for (int i = 0; i < window.length; i++) {
                window[i] = counts[i] - oldest.counts()[i];
                sum += window[i];
            }
            windowed = sum > 0;
            if (!windowed) {
                window = counts.clone();
            }
        }
        long total = 0;
        for (long c : window) {
            total += c;
        }
        List<StrategyShare> next = new ArrayList<>();
        for (Strategy st : Strategy.values()) {
            long c = window[st.ordinal()];
            next.add(new StrategyShare(st, c, total > 0 ? (double) c / total : 0));
        }
        replaceChanged(shares, next);
        sharesCaption.set(total == 0 ? "no jobs yet"
                : windowed ? DisplayFormat.count(total) + " routed in the last "
                        + seconds(now - oldest.timeSecs()) + " s"
                        : DisplayFormat.count(total) + " routed since the start");
    }

    /** A window in seconds: whole seconds, or one decimal under ten (a virtual run may last a fraction of one). */
    private static String seconds(double secs) {
        return String.format(java.util.Locale.ROOT, secs >= 9.95 ? "%.0f" : "%.1f", secs);
    }

    private void addHistory(RouterSnapshot s) {
        double t = s.uptimeNanos() / 1e9;
        if (s.sequence() == 0 || s.intervalNanos() <= 0) {
            return;
        }
        if (!history.isEmpty() && t - history.getLast().timeSecs() < MIN_SPACING_SECS) {
            return;
        }
        if (!history.isEmpty() && idleSince(s)) {
            return; // a finished run's router keeps sampling: do not flatten the charts with zeros
        }
        // Since the previous snapshot shown, which may be several intervals back.
        double sincePrevious = previous == null ? 0 : (s.uptimeNanos() - previous.uptimeNanos()) / 1e9;
        double arrivals = previous == null || previous.submitted() > s.submitted() || sincePrevious <= 0 ? Double.NaN
                : (s.submitted() - previous.submitted()) / sincePrevious;
        Map<Strategy, HistoryPoint.Percentiles> lat = new EnumMap<>(Strategy.class);
        for (Strategy st : Strategy.values()) {
            LatencyStats l = s.strategy(st).intervalLatency();
            if (st != Strategy.DROP && l.count() > 0) {
                lat.put(st, new HistoryPoint.Percentiles(l.p50Micros() / 1e3, l.p95Micros() / 1e3, l.p99Micros() / 1e3));
            }
        }
        history.add(new HistoryPoint(t, arrivals, s.throughputPerSec(), s.goodputPerSec(), s.dropRatePerSec(), lat));
        int drop = 0;
        while (drop < history.size() - 1 && (t - history.get(drop).timeSecs() > HISTORY_SECS
                || history.size() - drop > MAX_POINTS)) {
            drop++;
        }
        if (drop > 0) {
            history.remove(0, drop);
        }
    }

    private boolean idleSince(RouterSnapshot s) {
        return previous != null && s.inFlight() == 0 && previous.inFlight() == 0
                && s.submitted() == previous.submitted() && s.completed() == previous.completed()
                && s.dropped() == previous.dropped() && s.failed() == previous.failed();
    }

    static <T> void replaceChanged(ObservableList<T> list, List<T> next) {
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

    // ------------------------------------------------------------------ state

    public ReadOnlyLongProperty submittedProperty() {
        return submitted.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty completedProperty() {
        return completed.getReadOnlyProperty();
    }

    /** Jobs completed within their latency budget. */
    public ReadOnlyLongProperty metProperty() {
        return met.getReadOnlyProperty();
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

    /** Completions per second over the last interval. */
    public ReadOnlyDoubleProperty throughputProperty() {
        return throughput.getReadOnlyProperty();
    }

    /** Completions within budget per second over the last interval. */
    public ReadOnlyDoubleProperty goodputProperty() {
        return goodput.getReadOnlyProperty();
    }

    /** Drops per second over the last interval. */
    public ReadOnlyDoubleProperty dropRateProperty() {
        return dropRate.getReadOnlyProperty();
    }

    /** Effective pressure, 0–1. */
    public ReadOnlyDoubleProperty pressureProperty() {
        return pressure.getReadOnlyProperty();
    }

    /** The router's own pressure score, 0–1. */
    public ReadOnlyDoubleProperty internalPressureProperty() {
        return internalPressure.getReadOnlyProperty();
    }

    /** Pressure injected by an upstream system, 0–1 (0 once expired). */
    public ReadOnlyDoubleProperty externalPressureProperty() {
        return externalPressure.getReadOnlyProperty();
    }

    /** {@code pressure_shed_threshold} in force. */
    public ReadOnlyDoubleProperty shedThresholdProperty() {
        return shedThreshold.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty cpuBusyProperty() {
        return cpuBusy.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty parallelismProperty() {
        return parallelism.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty queueDepthProperty() {
        return queueDepth.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty queueCapacityProperty() {
        return queueCapacity.getReadOnlyProperty();
    }

    /** Spawned jobs running on virtual threads. */
    public ReadOnlyIntegerProperty spawnedProperty() {
        return spawned.getReadOnlyProperty();
    }

    /** {@code spawn_max_in_flight} in force. */
    public ReadOnlyIntegerProperty spawnMaxProperty() {
        return spawnMax.getReadOnlyProperty();
    }

    /** Jobs waiting in batch buffers, all kinds. */
    public ReadOnlyIntegerProperty batchWaitingProperty() {
        return batchWaiting.getReadOnlyProperty();
    }

    /** The spawn threshold in force (adaptive or configured). */
    public ReadOnlyLongProperty spawnThresholdProperty() {
        return spawnThreshold.getReadOnlyProperty();
    }

    /** What the donut's window is, e.g. "1,234 routed in the last 3 s". */
    public ReadOnlyStringProperty sharesCaptionProperty() {
        return sharesCaption.getReadOnlyProperty();
    }

    /** The donut: one entry per strategy, in {@link Strategy} order. */
    public ObservableList<StrategyShare> shares() {
        return sharesView;
    }

    /** The time series, oldest first, bounded. */
    public ObservableList<HistoryPoint> history() {
        return historyView;
    }
}
