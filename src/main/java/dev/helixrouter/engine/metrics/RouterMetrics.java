package dev.helixrouter.engine.metrics;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Strategy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The engine's counters and latency recorders, and the interval close that turns them into a
 * {@link RouterSnapshot}.
 *
 * <p><b>Design.</b> The hot path only increments {@link LongAdder}s and records into HdrHistogram
 * {@link Recorder}s, whose writers are wait-free (a {@code WriterReaderPhaser} lets the one
 * reader flip the active histogram under them). Nothing on the hot path takes a lock or
 * allocates. One reader — the engine's sampler — closes each interval: it flips every recorder,
 * folds the interval into the since-start histograms, and builds an immutable snapshot. Because
 * only the sampler flips, readers of the snapshot never steal each other's intervals.
 *
 * <p>Latencies are recorded in nanoseconds (2 significant digits: within 1 %) and reported in microseconds.
 * {@code inFlight} is its own counter, incremented at submit and decremented when a handle
 * ends, so that it is exact when idle and never derived by subtraction.
 */
public final class RouterMetrics {
    private static final Strategy[] STRATEGIES = Strategy.values();
    private static final DropReason[] REASONS = DropReason.values();
    /**
     * Histogram precision: values within 1 %. Three digits (0.1 %) made each histogram's counts
     * array about six times longer, and every walk of it at the interval close that much slower,
     * for a precision no reader of these latencies needs.
     */
    static final int SIGNIFICANT_DIGITS = 2;

    private final LongAdder submitted = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final LongAdder[] dropped = new LongAdder[REASONS.length];
    private final StrategyRecorder[] strategies = new StrategyRecorder[STRATEGIES.length];
    private final ConcurrentHashMap<JobKind, KindRecorder> kinds = new ConcurrentHashMap<>();

    private volatile LatencyHistograms histograms = LatencyHistograms.EMPTY;

    // Sampler-only state: previous totals for interval rates.
    private long lastCompleted;
    private long lastMet;
    private long lastDropped;

    /** Empty metrics. */
    public RouterMetrics() {
        for (int i = 0; i < REASONS.length; i++) {
            dropped[i] = new LongAdder();
        }
        for (Strategy s : STRATEGIES) {
            strategies[s.ordinal()] = new StrategyRecorder(s);
        }
    }

    /** Per-kind recorder, created on first use. */
    public KindRecorder kind(JobKind kind) {
        KindRecorder k = kinds.get(kind);
        return k != null ? k : kinds.computeIfAbsent(kind, KindRecorder::new);
    }

    /** A job entered the router. */
    public void submitted(KindRecorder kind) {
        submitted.increment();
        inFlight.increment();
        kind.routed.increment();
    }

    /** The router chose {@code s} for a job. */
    public void routed(Strategy s) {
        strategies[s.ordinal()].routed.increment();
    }

    /** A job completed. Times in nanoseconds; queue 0 for unqueued strategies. */
    public void completed(Strategy s, KindRecorder kind, long latencyNanos, long queueNanos, long serviceNanos,
                          boolean met) {
        StrategyRecorder r = strategies[s.ordinal()];
        long lat = Math.max(0, latencyNanos);
        r.latency.recordValue(lat);
        if (s == Strategy.CPU_POOL || s == Strategy.BATCH) {
            r.queue.recordValue(Math.max(0, queueNanos)); // only queued strategies wait
        }
        r.service.recordValue(Math.max(0, serviceNanos));
        kind.latency.recordValue(lat);
        r.completed.increment();
        kind.completed.increment();
        if (met) {
            r.met.increment();
            kind.met.increment();
        } else {
            r.late.increment();
            kind.late.increment();
        }
        completed.increment();
        inFlight.decrement();
    }

    /** A job was dropped. */
    public void dropped(DropReason reason, KindRecorder kind) {
        dropped[reason.ordinal()].increment();
        kind.dropped.increment();
        inFlight.decrement();
    }

    /** A job failed. */
    public void failed(Strategy s, KindRecorder kind) {
        strategies[s.ordinal()].failed.increment();
        kind.failed.increment();
        failed.increment();
        inFlight.decrement();
    }

    /** Jobs currently in flight (live count). */
    public long inFlight() {
        return inFlight.sum();
    }

    /** Jobs submitted so far (live count). */
    public long submittedCount() {
        return submitted.sum();
    }

    /** Live gauges the router adds to each snapshot. */
    public record Gauges(long configVersion, int queueDepth, int queueCapacity, int cpuBusy, int parallelism,
                         int cpuStuck, int spawnedInFlight, Map<String, Integer> batchDepths, PressureReading pressure,
                         long adaptiveSpawnThreshold, long decisionsPublished, Map<String, Object> extensions) {}

    /**
     * Closes an interval: flips every recorder, folds it into the since-start histograms and
     * returns the snapshot. Only one thread (the sampler) may call this at a time.
     */
    public synchronized RouterSnapshot closeInterval(long sequence, long nowNanos, long uptimeNanos,
                                                     long intervalNanos, double emaAlpha, Gauges g) {
        Map<Strategy, StrategyStats> byStrategy = new EnumMap<>(Strategy.class);
        for (StrategyRecorder r : strategies) {
            byStrategy.put(r.strategy, r.close(emaAlpha));
        }
        Map<String, KindStats> byKind = new TreeMap<>();
        for (KindRecorder k : kinds.values()) {
            byKind.put(k.kind.name(), k.close(emaAlpha));
        }
        histograms = buckets();
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        long droppedTotal = 0;
        for (DropReason r : REASONS) {
            long n = dropped[r.ordinal()].sum();
            drops.put(r, n);
            droppedTotal += n;
        }
        long completedNow = completed.sum();
        long metNow = 0;
        for (StrategyRecorder r : strategies) {
            metNow += r.met.sum();
        }
        double seconds = intervalNanos > 0 ? intervalNanos / 1e9 : Double.NaN;
        double throughput = seconds > 0 ? (completedNow - lastCompleted) / seconds : 0;
        double goodput = seconds > 0 ? (metNow - lastMet) / seconds : 0;
        double dropRate = seconds > 0 ? (droppedTotal - lastDropped) / seconds : 0;
        lastCompleted = completedNow;
        lastMet = metNow;
        lastDropped = droppedTotal;
        return new RouterSnapshot(sequence, nowNanos, uptimeNanos, intervalNanos, g.configVersion(),
                submitted.sum(), completedNow, droppedTotal, Collections.unmodifiableMap(drops), failed.sum(),
                inFlight.sum(), Collections.unmodifiableMap(byStrategy), Collections.unmodifiableMap(byKind),
                g.queueDepth(), g.queueCapacity(), g.cpuBusy(), g.parallelism(), g.cpuStuck(), g.spawnedInFlight(),
                Collections.unmodifiableMap(new LinkedHashMap<>(g.batchDepths())), g.pressure(),
                g.adaptiveSpawnThreshold(), throughput, goodput, dropRate, g.decisionsPublished(),
                Collections.unmodifiableMap(new LinkedHashMap<>(g.extensions())));
    }

    /** The since-start distributions as buckets, as of the last interval close. */
    public LatencyHistograms histograms() {
        return histograms;
    }

    private LatencyHistograms buckets() {
        Map<Strategy, LatencyHistogram> latency = new EnumMap<>(Strategy.class);
        Map<Strategy, LatencyHistogram> queue = new EnumMap<>(Strategy.class);
        Map<Strategy, LatencyHistogram> service = new EnumMap<>(Strategy.class);
        for (StrategyRecorder r : strategies) {
            if (r.strategy == Strategy.DROP) {
                continue;
            }
            latency.put(r.strategy, r.latency.buckets());
            service.put(r.strategy, r.service.buckets());
            if (r.strategy == Strategy.CPU_POOL || r.strategy == Strategy.BATCH) {
                queue.put(r.strategy, r.queue.buckets());
            }
        }
        Map<String, LatencyHistogram> byKind = new TreeMap<>();
        for (KindRecorder k : kinds.values()) {
            byKind.put(k.kind.name(), k.latency.buckets());
        }
        return new LatencyHistograms(Collections.unmodifiableMap(latency), Collections.unmodifiableMap(queue),
                Collections.unmodifiableMap(service), Collections.unmodifiableMap(byKind));
    }

    /**
     * One interval's histogram folded into a running total, with an EMA of interval means. Each
     * close walks the interval histogram once and, only if the interval had samples, the total
     * once (with its Prometheus buckets); an idle series reuses its last total.
     */
    private static final class Series {
        final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
        final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
        /** A plain copy of each interval: the recorder's own histograms count their total by a walk. */
        final Histogram interval = new Histogram(SIGNIFICANT_DIGITS);
        HistogramPass intervalPass = HistogramPass.of(total, null);
        HistogramPass totalPass = HistogramPass.of(total, LatencyHistogram.DEFAULT_BOUNDS_NANOS);
        double ema = Double.NaN;

        void recordValue(long v) {
            recorder.recordValue(v);
        }

        /** Flips the recorder and summarises the interval and the total. */
        void flip(double alpha) {
            recorder.getIntervalHistogramInto(interval);
            intervalPass = HistogramPass.of(interval, null);
            if (intervalPass.count > 0) {
                total.add(interval);
                totalPass = HistogramPass.of(total, LatencyHistogram.DEFAULT_BOUNDS_NANOS);
            }
            if (intervalPass.count > 0) {
                double mean = intervalPass.meanNanos / 1e3;
                ema = Double.isNaN(ema) ? mean : alpha * mean + (1 - alpha) * ema;
            }
        }

        LatencyStats intervalStats() {
            return intervalPass.stats(ema);
        }

        LatencyStats totalStats() {
            return totalPass.stats(ema);
        }

        LatencyHistogram buckets() {
            return LatencyHistogram.of(totalPass);
        }
    }

    private static final class StrategyRecorder {
        final Strategy strategy;
        final LongAdder routed = new LongAdder();
        final LongAdder completed = new LongAdder();
        final LongAdder met = new LongAdder();
        final LongAdder late = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Series latency = new Series();
        final Series queue = new Series();
        final Series service = new Series();
        long lastCompleted;
        long lastMet;

        StrategyRecorder(Strategy strategy) {
            this.strategy = strategy;
        }

        StrategyStats close(double alpha) {
            latency.flip(alpha);
            queue.flip(alpha);
            service.flip(alpha);
            long c = completed.sum();
            long m = met.sum();
            StrategyStats s = new StrategyStats(strategy, routed.sum(), c, m, late.sum(), failed.sum(),
                    latency.totalStats(), latency.intervalStats(), queue.totalStats(), service.totalStats(),
                    c - lastCompleted, m - lastMet, queue.intervalStats(), service.intervalStats());
            lastCompleted = c;
            lastMet = m;
            return s;
        }
    }

    /** Counters and latency of one kind; obtained through {@link #kind(JobKind)}. */
    public static final class KindRecorder {
        final JobKind kind;
        final LongAdder routed = new LongAdder();
        final LongAdder completed = new LongAdder();
        final LongAdder met = new LongAdder();
        final LongAdder late = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Series latency = new Series();

        KindRecorder(JobKind kind) {
            this.kind = kind;
        }

        KindStats close(double alpha) {
            latency.flip(alpha);
            return new KindStats(kind.name(), routed.sum(), completed.sum(), met.sum(), late.sum(), dropped.sum(),
                    failed.sum(), latency.totalStats(), latency.intervalStats());
        }
    }
}
