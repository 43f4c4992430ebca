package dev.helixrouter.lab.view;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;

/**
 * Measures how responsive the FX thread stays: an {@link AnimationTimer} records the gap between
 * consecutive pulses (a pulse is when JavaFX lays out and renders; with a timer running it asks
 * for one every frame, about 60 per second, so a gap far above 17 ms means the FX thread was busy
 * or starved). Also counts the lab's refreshes and samples the heap after a GC. Used by
 * {@code lab --stats FILE} for the figures in the notes; off otherwise.
 */
public final class FrameProbe {
    private static final int MAX_GAPS = 1 << 22;

    private final long[] gaps = new long[MAX_GAPS];
    private final LongSupplier uiUpdates;
    private int count;
    private long last = -1;
    private long first = -1;
    private long maxGap;
    private long over50;
    private long uiUpdatesAtStart;
    /** The longest gaps seen, with when they ended (epoch ms), for lining up with GC logs. */
    private final java.util.PriorityQueue<long[]> worst = new java.util.PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            record(System.nanoTime());
        }
    };

    /** A probe that also reads the lab's count of UI updates from {@code uiUpdates}. */
    public FrameProbe(LongSupplier uiUpdates) {
        this.uiUpdates = uiUpdates;
    }

    /** Starts recording (FX thread). */
    public void start() {
        uiUpdatesAtStart = uiUpdates.getAsLong();
        timer.start();
    }

    /** Stops recording (FX thread). */
    public void stop() {
        timer.stop();
    }

    private void record(long now) {
        if (last >= 0) {
            long gap = now - last;
            maxGap = Math.max(maxGap, gap);
            if (gap > 50_000_000L) {
                over50++;
                worst.add(new long[] {gap, System.currentTimeMillis()});
                if (worst.size() > 10) {
                    worst.poll();
                }
            }
            if (count < MAX_GAPS) {
                gaps[count++] = gap;
            }
        } else {
            first = now;
        }
        last = now;
    }

    /** Heap used after a full GC, in MiB (asks for a GC: use only when measuring). */
    public static double heapAfterGcMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** The figures so far, as one JSON object per line. */
    public String summary() {
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        double secs = last > first ? (last - first) / 1e9 : 0;
        long updates = uiUpdates.getAsLong() - uiUpdatesAtStart;
        return String.format(Locale.ROOT, "{\"seconds\": %.1f, \"pulses\": %d, \"pulses_per_sec\": %.1f, "
                        + "\"gap_p50_ms\": %.2f, \"gap_p99_ms\": %.2f, \"gap_p999_ms\": %.2f, \"gap_max_ms\": %.2f, "
                        + "\"gaps_over_50ms\": %d, \"ui_updates\": %d, \"ui_updates_per_sec\": %.2f, \"worst\": %s}",
                secs, count, secs > 0 ? count / secs : 0, pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 0.999),
                maxGap / 1e6, over50, updates, secs > 0 ? updates / secs : 0, worstJson());
    }

    private String worstJson() {
        return worst.stream().sorted((a, b) -> Long.compare(b[0], a[0]))
                .map(w -> String.format(Locale.ROOT, "[%.1f, %d]", w[0] / 1e6, w[1]))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }
}
