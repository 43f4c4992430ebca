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
    private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long lastCpu = -1;
    private long lastWait = -1;
    private boolean schedstat = true;
    /**
     * The longest gaps seen: length, when they ended (epoch ms, for lining up with GC logs and
     * JFR), the FX thread's CPU time within the gap and its time runnable but waiting for a CPU
     * (Linux). CPU near the gap: the FX thread was busy; run-queue wait near the gap: it was
     * starved; both small: it was stopped (a GC pause, a lock, waiting for the renderer).
     */
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
        long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        long cpuInGap = lastCpu >= 0 && cpu >= 0 ? cpu - lastCpu : -1;
        lastCpu = cpu;
        long wait = runQueueWaitNanos();
        long waitInGap = lastWait >= 0 && wait >= 0 ? wait - lastWait : -1;
        lastWait = wait;
        if (last >= 0) {
            long gap = now - last;
            maxGap = Math.max(maxGap, gap);
            if (gap > 50_000_000L) {
                over50++;
                worst.add(new long[] {gap, System.currentTimeMillis(), cpuInGap, waitInGap});
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

    /**
     * Time this thread spent runnable but waiting for a CPU, from Linux's
     * {@code /proc/thread-self/schedstat} (second field, ns); -1 where there is none.
     */
    private long runQueueWaitNanos() {
        if (!schedstat) {
            return -1;
        }
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat")).trim()
                    .split(" ");
            return Long.parseLong(f[1]);
        } catch (java.io.IOException | RuntimeException e) {
            schedstat = false;
            return -1;
        }
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
                .map(w -> String.format(Locale.ROOT, "[%.1f, %d, %.1f, %.1f]", w[0] / 1e6, w[1], w[2] / 1e6,
                        w[3] / 1e6))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }
}
