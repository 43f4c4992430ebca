package dev.helixrouter.bench.shootout;

import java.util.ArrayList;
import java.util.List;

/**
 * The shootout's phases and their arrival rates as multiples of λ*: 0.5λ*, 0.9λ*, 2λ*, 1.0λ*,
 * then on/off bursts (3λ* / 0.3λ*). The full shape lasts 65 s; the quick one gives every phase
 * the same short length, for smoke runs.
 *
 * @param phases        the phases, back to back from time 0
 * @param segments      constant-rate stretches, back to back from time 0, covering the phases
 * @param windowNanos   the window of the windowed tiny-job p99 used for recovery time
 * @param overloadPhase index of the 2λ* phase, whose end starts the recovery clock (-1: none)
 */
public record LoadShape(List<Phase> phases, List<Segment> segments, long windowNanos, int overloadPhase) {

    /** One phase of the run: where its jobs are counted. */
    public record Phase(String name, long startNanos, long endNanos) {
        /** Length in seconds. */
        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        /** Whether an intended start at {@code offsetNanos} falls in this phase. */
        public boolean holds(long offsetNanos) {
            return offsetNanos >= startNanos && offsetNanos < endNanos;
        }
    }

    /** A stretch of constant arrival rate, {@code multiple} × λ*. */
    public record Segment(long startNanos, long endNanos, double multiple) {}

    private static final long SECOND = 1_000_000_000L;

    /** Copies the lists. */
    public LoadShape {
        phases = List.copyOf(phases);
        segments = List.copyOf(segments);
    }

    /** The design's shape: 5 s, 10 s, 20 s, 10 s and 20 s of 2 s bursts; 1 s recovery window. */
    public static LoadShape full() {
        return build(new double[] {5, 10, 20, 10, 20}, 2.0, SECOND);
    }

    /**
     * Every phase {@code phaseSeconds} long, bursts of a quarter of it, and a recovery window of a
     * quarter of it (a one-second window would not fit in a short phase).
     */
    public static LoadShape quick(double phaseSeconds) {
        if (!(phaseSeconds >= 0.05 && phaseSeconds <= 60)) {
            throw new IllegalArgumentException("phase length must be within 0.05..60 s, was " + phaseSeconds);
        }
        double[] lengths = {phaseSeconds, phaseSeconds, phaseSeconds, phaseSeconds, phaseSeconds};
        return build(lengths, phaseSeconds / 4, Math.round(phaseSeconds / 4 * SECOND));
    }

    /** One phase of {@code seconds} at {@code multiple} × λ* (a warm-up), with no overload phase. */
    public static LoadShape steady(double seconds, double multiple) {
        long end = Math.round(seconds * SECOND);
        return new LoadShape(List.of(new Phase("steady", 0, end)), List.of(new Segment(0, end, multiple)), end, -1);
    }

    private static LoadShape build(double[] seconds, double burstSeconds, long window) {
        String[] names = {"0.5x", "0.9x", "2x", "1.0x", "bursts"};
        double[] multiples = {0.5, 0.9, 2.0, 1.0};
        List<Phase> phases = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        long t = 0;
        for (int p = 0; p < seconds.length; p++) {
            long end = t + Math.round(seconds[p] * SECOND);
            phases.add(new Phase(names[p], t, end));
            if (p < multiples.length) {
                segments.add(new Segment(t, end, multiples[p]));
            } else {
                long burst = Math.round(burstSeconds * SECOND);
                boolean on = true;
                for (long s = t; s < end; s += burst, on = !on) {
                    segments.add(new Segment(s, Math.min(end, s + burst), on ? 3.0 : 0.3));
                }
            }
            t = end;
        }
        return new LoadShape(phases, segments, window, 2);
    }

    /** End of the last phase. */
    public long endNanos() {
        return phases.getLast().endNanos();
    }

    /** Index of the phase holding {@code offsetNanos}, or -1 past the end. */
    public int phaseOf(long offsetNanos) {
        for (int p = 0; p < phases.size(); p++) {
            if (phases.get(p).holds(offsetNanos)) {
                return p;
            }
        }
        return -1;
    }
}
