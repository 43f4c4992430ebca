package dev.helixrouter.lab.model;

import dev.helixrouter.engine.Strategy;

/** What each strategy does, in words for the lab's tooltips. */
public final class StrategyGuide {
    private StrategyGuide() {}

    /** A short lesson on {@code s}: what it does, which jobs go there, what it costs. */
    public static String explain(Strategy s) {
        return switch (s) {
            case INLINE -> """
                    inline: run now, on the caller's own thread.

                    For jobs that cost at most inline_threshold (8,000 by default). No hand-off at all, \
                    so nothing starts sooner, but the caller is held until the job is done.""";
            case SPAWN -> """
                    spawn: run concurrently on a new virtual thread, at most spawn_max_in_flight at once.

                    For mid-cost jobs (below spawn_threshold) and for blocking jobs. Cheap to start, but \
                    virtual threads are not time-sliced: heavy CPU work here starves every other virtual \
                    thread. Over the limit, the job is dropped (spawn_full).""";
            case CPU_POOL -> """
                    cpu_pool: queue for the bounded CPU lane of platform worker threads.

                    For heavy jobs that do not batch well. cpu_parallelism workers drain a queue bounded \
                    at cpu_queue_cap; a job that finds the queue full is dropped (queue_full), never \
                    blocked on.""";
            case BATCH -> """
                    batch: wait in a per-kind buffer with similar jobs; the whole buffer then runs as one \
                    task on the CPU lane.

                    A buffer flushes when it holds batch_max_size jobs or its oldest job has waited \
                    batch_max_delay_ms. For heavy jobs with scaling potential of at least 0.70 (0.65 when \
                    the busy gate trips): fewer hand-offs, at the price of the wait in the buffer.""";
            case DROP -> """
                    drop: refuse the job on purpose, now, with a reason.

                    'Routed' counts the jobs the gate shed here (with the busy gate: backpressure, because \
                    the CPU lane had its threshold of workers busy). Drops that happen after routing \
                    (queue_full, spawn_full, shutdown) are counted under 'Dropped, by reason'.""";
        };
    }
}
