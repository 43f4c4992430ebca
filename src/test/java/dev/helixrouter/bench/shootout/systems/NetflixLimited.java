package dev.helixrouter.bench.shootout.systems;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.helixrouter.bench.shootout.SystemUnderTest;
import dev.helixrouter.bench.shootout.Task;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * System 5: Netflix concurrency-limits' {@link SimpleLimiter} with a {@link Gradient2Limit} (the
 * library's defaults) in front of a fixed pool of {@code cores} threads. The caller acquires a
 * permit; none means the job is dropped. The permit is released when the job's work ends, so
 * the limiter sees each job's whole time in the system (queue wait and run) as its RTT, as it
 * would in front of a service.
 */
public final class NetflixLimited implements SystemUnderTest {
    private final Limiter<Void> limiter;
    private final ExecutorService pool;

    /** The limiter before a pool of {@code cores} threads. */
    public NetflixLimited(int cores) {
        this.limiter = SimpleLimiter.newBuilder().named("shootout").limit(Gradient2Limit.newBuilder().build()).build();
        this.pool = Executors.newFixedThreadPool(cores, Threads.named("shootout-netflix"));
    }

    @Override
    public void submit(Task task) {
        Optional<Limiter.Listener> permit = limiter.acquire(null);
        if (permit.isEmpty()) {
            task.drop();
            return;
        }
        Limiter.Listener listener = permit.get();
        pool.execute(() -> {
            try {
                task.run();
            } finally {
                listener.onSuccess();
            }
        });
    }

    @Override
    public void close() {
        Threads.shutdown(pool);
    }
}
