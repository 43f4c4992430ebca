package dev.helixrouter.lab.model;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.metrics.KindStats;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.PressureReading;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import java.lang.reflect.RecordComponent;
import java.util.EnumMap;
import java.util.Map;

/** Synthetic snapshots for view-model tests. */
final class Snapshots {
    private Snapshots() {}

    /** A latency summary with every percentile at {@code ms} milliseconds. */
    static LatencyStats latency(long count, double ms) {
        double us = ms * 1000;
        return new LatencyStats(count, us, us, us, us, us, us, us, us);
    }

    /**
     * A snapshot at {@code secs} of uptime (one-second intervals) where {@code routed[i]} jobs
     * went to strategy i since the start, all completed within budget at {@code ms}.
     */
    static RouterSnapshot at(long sequence, double secs, long[] routed, double ms, Map<String, Object> extensions) {
        Map<Strategy, StrategyStats> st = new EnumMap<>(Strategy.class);
        long total = 0;
        for (Strategy s : Strategy.values()) {
            long n = routed[s.ordinal()];
            total += n;
            long done = s == Strategy.DROP ? 0 : n;
            st.put(s, new StrategyStats(s, n, done, done, 0, 0, latency(done, ms), latency(done, ms),
                    LatencyStats.EMPTY, LatencyStats.EMPTY, done, done, LatencyStats.EMPTY, LatencyStats.EMPTY));
        }
        long dropped = routed[Strategy.DROP.ordinal()];
        Map<DropReason, Long> reasons = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            reasons.put(r, r == DropReason.DEADLINE ? dropped : 0L);
        }
        return new RouterSnapshot(sequence, (long) (secs * 1e9), (long) (secs * 1e9), 1_000_000_000L, 1, total,
                total - dropped, dropped, reasons, 0, 0, st,
                Map.of("HashMix", new KindStats("HashMix", total, total - dropped, total - dropped, 0, dropped, 0,
                        latency(total - dropped, ms), latency(total - dropped, ms))),
                0, 512, 0, 4, 0, 0, Map.of(), new PressureReading(0.2, 0.5, 0.5), 60000, 100, 90, 10, total,
                extensions);
    }

    static RouterSnapshot at(long sequence, double secs, long[] routed) {
        return at(sequence, secs, routed, 5, Map.of());
    }

    /** {@code s} as a closing router publishes it: the same counts, an interval of no time, no rates. */
    static RouterSnapshot closing(RouterSnapshot s) {
        try {
            RecordComponent[] parts = RouterSnapshot.class.getRecordComponents();
            Object[] values = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                values[i] = parts[i].getName().equals("intervalNanos") ? 0L : parts[i].getAccessor().invoke(s);
                if (parts[i].getName().equals("sequence")) {
                    values[i] = s.sequence() + 1;
                } else if (parts[i].getName().endsWith("PerSec")) {
                    values[i] = 0.0;
                }
            }
            return RouterSnapshot.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
