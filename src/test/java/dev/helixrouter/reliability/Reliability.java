package dev.helixrouter.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * What the reliability suite shares: its scale (smoke in every build, full under
 * {@code -Preliability}), the figures it records for docs/RELIABILITY.md, bounded waits, a hang
 * guard, and the thread and heap checks.
 */
final class Reliability {
    /** Threads the JDK itself starts and keeps on demand (virtual-thread carriers, reapers, cleaners). */
    private static final Pattern JDK_THREADS = Pattern.compile(
            "ForkJoinPool-.*|process reaper|Attach Listener|Common-Cleaner|Notification Thread"
                    + "|Signal Dispatcher|Reference Handler|Finalizer|JFR .*|VirtualThread-.*|Read-Poller"
                    + "|Write-Poller|.*-Poller|Cleaner-\\d+|HttpClient-.*|surefire-.*|junit-.*");

    private Reliability() {}

    /** Whether the suite runs at full scale ({@code -Preliability}) rather than as the smoke in every build. */
    static boolean full() {
        return "full".equals(System.getProperty("helix.reliability", "smoke"));
    }

    /** {@code smoke} in every build, {@code full} under {@code -Preliability}. */
    static <T> T scale(T smoke, T full) {
        return full() ? full : smoke;
    }

    /** Records one measured figure: printed, and appended to target/reliability-figures.txt. */
    static synchronized void record(String test, String figure, Object value) {
        String line = String.format(Locale.ROOT, "%s %s %s = %s%n", full() ? "full" : "smoke", test, figure,
                value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value);
        System.out.print("[reliability] " + line);
        String file = System.getProperty("helix.reliability.figures");
        if (file == null) {
            return;
        }
        try {
            Path p = Path.of(file);
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.writeString(p, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds, at most {@code bound}; fails naming {@code what} otherwise. */
    static void awaitTrue(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + bound.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    // ---------------------------------------------------------------- hangs

    private static final ExecutorService GUARD = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("reliability-guard-", 1).daemon(true).factory());

    /** The bound under which one parse or one request must have answered; beyond it, it hangs. */
    static final Duration HANG = Duration.ofSeconds(20);

    /**
     * Runs {@code call} on a guard thread and returns what it returned, or throws what it threw;
     * fails if it has not finished within {@link #HANG}.
     */
    static <T> T noHang(String what, Callable<T> call) throws Exception {
        Future<T> f = GUARD.submit(call);
        try {
            return f.get(HANG.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("hung for " + HANG.toSeconds() + " s: " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- threads

    /** The live platform threads now. */
    static Set<Thread> liveThreads() {
        Set<Thread> live = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                live.add(t);
            }
        }
        return live;
    }

    /** Threads alive now that were not in {@code before}, leaving out the JDK's own. */
    static List<String> newThreads(Set<Thread> before) {
        return liveThreads().stream().filter(t -> !before.contains(t))
                .filter(t -> !JDK_THREADS.matcher(t.getName()).matches())
                .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : "")).sorted().toList();
    }

    /** Waits, bounded, until every thread started since {@code before} (but the JDK's own) has ended. */
    static void awaitNoNewThreads(Set<Thread> before, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<String> left = newThreads(before);
        while (!left.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                fail("threads left behind after close: " + left);
            }
            LockSupport.parkNanos(5_000_000);
            left = newThreads(before);
        }
    }

    // ---------------------------------------------------------------- heap

    /** Heap in use after a full collection: what is still reachable. */
    static long liveHeapBytes() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // a collection may leave some garbage behind; keep the lowest reading
            System.gc();
            best = Math.min(best, heapUsedBytes());
        }
        return best;
    }

    /** Heap in use now, garbage included. */
    static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The heap's upper bound (-Xmx). */
    static long heapMaxBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
