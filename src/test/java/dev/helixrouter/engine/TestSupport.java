package dev.helixrouter.engine;

import static org.junit.jupiter.api.Assertions.fail;

import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.time.ManualTime;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Shared helpers for engine tests: jobs, routers on manual time, bounded waits. */
public final class TestSupport {
    public static final JobKind KIND = JobKind.of("TestKind");
    public static final Duration WAIT = Duration.ofSeconds(10);

    private TestSupport() {}

    /** A job with the given cost and scaling, budget 100 ms. */
    public static Job job(long id, long cost, double scaling) {
        return new Job(id, KIND, new long[] {id}, cost, scaling, 100);
    }

    /** A router on manual time with {@code config}. */
    public static HelixRouter router(ManualTime time, RouterConfig config) {
        return HelixRouter.builder().clock(time).scheduler(time).config(config).build();
    }

    /** Defaults for 2 cores with the deadline gate and the given tweaks applied by the caller. */
    public static RouterConfig.Builder config() {
        return RouterConfig.defaults(2).toBuilder();
    }

    /** Waits, bounded, until {@code condition} holds; fails with {@code what} otherwise. */
    public static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(200_000);
        }
    }

    /** The outcome of {@code h}, waiting at most {@link #WAIT}. */
    public static <T> Outcome<T> outcome(JobHandle<T> h) {
        try {
            return h.await(WAIT);
        } catch (Exception e) {
            throw new AssertionError("job " + h.jobId() + " did not end: " + h, e);
        }
    }
}
