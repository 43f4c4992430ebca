package dev.helixrouter.adapt;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.ArrayDeque;

/**
 * The autoscaler's memory: a ring of per-interval samples over the last {@code autoscaler_window_s}
 * seconds, and the trend of the arrival rate fitted to them.
 *
 * <p><b>Why samples of deltas, not snapshots.</b> A snapshot's counters run since the start; the
 * window needs what happened in each interval. The window keeps the previous snapshot's counters
 * and turns each new snapshot into one {@link Sample} of differences. Holding a few numbers per
 * interval (not the snapshots) keeps the ring small however long the window.
 *
 * <p><b>Why a weighted fit.</b> Each sample's rate is plotted at the middle of its interval (for a
 * linear ramp that is exactly the mean rate over the interval) and weighted by the interval's
 * length. With equal intervals that is ordinary least squares; a short interval (one closed on
 * demand when a run ends) then counts for what it measured, not as a full, noisier point.
 *
 * <p><b>Why the horizon is capped by the history.</b> A slope fitted to two one-second samples is
 * mostly noise; extrapolating it 30 s ahead would multiply that noise by 30. The forecast never
 * looks further ahead than the span of history it was fitted to.
 *
 * <p>Not thread-safe: the {@link Autoscaler} calls it under its own lock.
 */
final class AutoscalerWindow {
    /** Most samples kept, whatever the window: with very short intervals the window is cut short. */
    static final int MAX_SAMPLES = 4096;

    /**
     * What one metrics interval added.
     *
     * @param endNanos       clock reading when the interval closed
     * @param seconds        its length
     * @param arrivals       jobs submitted
     * @param laneDemand     of those, the jobs bound for the CPU lane (see {@link #laneDemand})
     * @param completions    jobs completed
     * @param drops          jobs dropped, every reason
     * @param pressure       effective pressure at its close
     * @param serviceCount   CPU-lane and batch completions with a service time
     * @param serviceMicros  their service times, summed
     */
    record Sample(long endNanos, double seconds, long arrivals, double laneDemand, long completions, long drops,
                  double pressure, long serviceCount, double serviceMicros) {
        double rate() {
            return arrivals / seconds;
        }
    }

    /**
     * The window summed up, and the forecast.
     *
     * @param samples          samples in the window
     * @param spanSecs         seconds of history covered
     * @param observedRate     arrivals per second over the latest interval
     * @param meanRate         arrivals per second over the window
     * @param trendPerSec      slope of the fitted arrival rate: jobs per second, per second
     * @param horizonSecs      how far ahead the forecast looks: the configured horizon, at most the span
     * @param forecastRate     arrivals per second expected {@code horizonSecs} from now, never negative
     * @param laneShare        share of the window's arrivals bound for the CPU lane, in [0, 1]
     * @param serviceCount     lane completions with a service time in the window
     * @param meanServiceMicros their mean service time; NaN without any
     * @param completionRate   completions per second over the window
     * @param dropRate         drops per second over the window
     * @param meanPressure     effective pressure, time-weighted over the window
     */
    record Forecast(int samples, double spanSecs, double observedRate, double meanRate, double trendPerSec,
                    double horizonSecs, double forecastRate, double laneShare, long serviceCount,
                    double meanServiceMicros, double completionRate, double dropRate, double meanPressure) {}

    private final ArrayDeque<Sample> ring = new ArrayDeque<>();
    private Counters last;

    /** The cumulative counters the deltas are taken from. */
    private record Counters(long submitted, long completed, long dropped, long routedLane, long routedElsewhere,
                            long shedLaneBound, long shedBusy) {
        static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

        static Counters of(RouterSnapshot s) {
            return new Counters(s.submitted(), s.completed(), s.dropped(),
                    s.routed(Strategy.CPU_POOL) + s.routed(Strategy.BATCH),
                    s.routed(Strategy.INLINE) + s.routed(Strategy.SPAWN),
                    s.droppedByReason().getOrDefault(DropReason.DEADLINE, 0L)
                            + s.droppedByReason().getOrDefault(DropReason.PRESSURE, 0L),
                    s.droppedByReason().getOrDefault(DropReason.BACKPRESSURE, 0L));
        }

        boolean noneBelow(Counters o) {
            return submitted >= o.submitted && completed >= o.completed && dropped >= o.dropped
                    && routedLane >= o.routedLane && routedElsewhere >= o.routedElsewhere
                    && shedLaneBound >= o.shedLaneBound && shedBusy >= o.shedBusy;
        }
    }

    /**
     * Takes one closed interval in; returns whether it became a sample. The first snapshot of a
     * router (sequence 1) is measured from zero; a window that joins later, or sees the counters
     * go back (another router), only takes the counters as its baseline.
     */
    boolean add(RouterSnapshot s, long windowNanos) {
        Counters now = Counters.of(s);
        Counters prev = last != null ? last : s.sequence() == 1 ? Counters.ZERO : null;
        if (prev != null && now.noneBelow(prev) && s.intervalNanos() <= 0) {
            return false; // no time has passed: what it counted joins the next interval
        }
        last = now;
        if (prev == null) {
            return false;
        }
        if (!now.noneBelow(prev)) {
            ring.clear();
            return false;
        }
        ring.addLast(new Sample(s.takenAtNanos(), s.intervalNanos() / 1e9, now.submitted - prev.submitted,
                laneDemand(now, prev), now.completed - prev.completed, now.dropped - prev.dropped,
                s.pressure().effective(), serviceCount(s), serviceMicros(s)));
        evict(s.takenAtNanos(), windowNanos);
        return true;
    }

    /**
     * Jobs bound for the CPU lane in one interval: those routed to {@code cpu_pool} or
     * {@code batch}, plus those the gate shed on their way there ({@code deadline} and
     * {@code pressure} drops only ever concern lane-bound jobs), plus the lane's share of the
     * {@code busy} gate's drops, which it takes before the policy has chosen: they are assumed
     * to split like the jobs the policy did route. Counting the shed jobs matters: a lane too
     * small for its load sheds the excess, and sizing it by the jobs it admitted alone would
     * keep it too small for ever.
     */
    private static double laneDemand(Counters now, Counters prev) {
        long lane = now.routedLane - prev.routedLane;
        long elsewhere = now.routedElsewhere - prev.routedElsewhere;
        double busyShare = lane + elsewhere > 0 ? (double) lane / (lane + elsewhere) : 0;
        return lane + (now.shedLaneBound - prev.shedLaneBound) + busyShare * (now.shedBusy - prev.shedBusy);
    }

    private static long serviceCount(RouterSnapshot s) {
        return s.strategy(Strategy.CPU_POOL).intervalService().count()
                + s.strategy(Strategy.BATCH).intervalService().count();
    }

    private static double serviceMicros(RouterSnapshot s) {
        LatencyStats pool = s.strategy(Strategy.CPU_POOL).intervalService();
        LatencyStats batch = s.strategy(Strategy.BATCH).intervalService();
        return pool.count() * pool.meanMicros() + batch.count() * batch.meanMicros();
    }

    private void evict(long nowNanos, long windowNanos) {
        long oldest = nowNanos - windowNanos;
        while (ring.size() > MAX_SAMPLES || (!ring.isEmpty() && ring.peekFirst().endNanos() <= oldest)) {
            ring.removeFirst();
        }
    }

    /** Forgets the samples (the baseline counters stay, so the next interval is a sample again). */
    void clear() {
        ring.clear();
    }

    /** Whether the window holds no sample. */
    boolean isEmpty() {
        return ring.isEmpty();
    }

    /** Fits the trend and forecasts {@code horizonSecs} (at most the span covered) after {@code nowNanos}. */
    Forecast forecast(long nowNanos, double horizonSecs) {
        double seconds = 0;
        long arrivals = 0;
        double lane = 0;
        long completions = 0;
        long drops = 0;
        double pressure = 0;
        long serviceCount = 0;
        double serviceMicros = 0;
        double sumX = 0;
        for (Sample x : ring) {
            seconds += x.seconds();
            arrivals += x.arrivals();
            lane += x.laneDemand();
            completions += x.completions();
            drops += x.drops();
            pressure += x.pressure() * x.seconds();
            serviceCount += x.serviceCount();
            serviceMicros += x.serviceMicros();
            sumX += x.seconds() * midpoint(x, nowNanos);
        }
        double meanRate = arrivals / seconds;
        double meanX = sumX / seconds;
        double sxx = 0;
        double sxy = 0;
        for (Sample x : ring) {
            double dx = midpoint(x, nowNanos) - meanX;
            sxx += x.seconds() * dx * dx;
            sxy += x.seconds() * dx * (x.rate() - meanRate);
        }
        double slope = sxx > 1e-12 ? sxy / sxx : 0;
        Sample first = ring.peekFirst();
        double span = (nowNanos - first.endNanos()) / 1e9 + first.seconds();
        double ahead = Math.min(horizonSecs, span);
        double forecast = Math.max(0, meanRate + slope * (ahead - meanX));
        double share = arrivals > 0 ? Math.max(0, Math.min(1, lane / arrivals)) : 0;
        return new Forecast(ring.size(), span, ring.peekLast().rate(), meanRate, slope, ahead, forecast, share,
                serviceCount, serviceCount > 0 ? serviceMicros / serviceCount : Double.NaN, completions / seconds,
                drops / seconds, pressure / seconds);
    }

    /** The middle of a sample's interval, in seconds relative to {@code nowNanos} (negative: past). */
    private static double midpoint(Sample x, long nowNanos) {
        return (x.endNanos() - nowNanos) / 1e9 - x.seconds() / 2;
    }
}
