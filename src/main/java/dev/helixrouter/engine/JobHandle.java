package dev.helixrouter.engine;

import dev.helixrouter.engine.metrics.RouterMetrics.KindRecorder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The handle of one submitted job. It ends exactly once — {@link Outcome.Completed completed},
 * {@link Outcome.Dropped dropped} with a reason, or {@link Outcome.Failed failed} — and a job
 * still waiting in a queue or batch buffer can be cancelled through it.
 *
 * @param <T> the work's output type
 */
public final class JobHandle<T> {
    // Lifecycle: ROUTING -> (QUEUED ->) RUNNING -> ENDED; any state but ENDED may jump to ENDED.
    static final int ROUTING = 0;
    static final int QUEUED = 1;
    static final int RUNNING = 2;
    static final int ENDED = 3;

    private final Job job;
    private final HelixRouter router;
    final Work<T> work;
    final KindRecorder kind;
    final long intendedStart;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(JobHandle.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state = ROUTING;
    private final CompletableFuture<Outcome<T>> future = new CompletableFuture<>();
    volatile Strategy strategy = Strategy.DROP;
    /** Where the job waits while QUEUED (a lane task or a batch buffer), for cancellation. */
    volatile Object container;
    /** When the job was queued or spawned, and how many jobs were ahead of it then (0: none). */
    long queuedAt;
    int aheadWhenQueued;
    /** The thread running a spawned job, to interrupt at shutdown. */
    volatile Thread runner;
    /** Set at the decision when a learning policy chose the strategy; read when the job ends. */
    LearnedContext learnedContext;

    JobHandle(HelixRouter router, Job job, Work<T> work, KindRecorder kind, long intendedStart) {
        this.router = router;
        this.job = job;
        this.work = work;
        this.kind = kind;
        this.intendedStart = intendedStart;
    }

    /** The job's id. */
    public long jobId() {
        return job.id();
    }

    /** The job as submitted. */
    public Job job() {
        return job;
    }

    /** The strategy the router chose ({@code drop} for any drop). */
    public Strategy strategy() {
        return strategy;
    }

    /** Whether the job has ended. */
    public boolean isDone() {
        return future.isDone();
    }

    /** The outcome, if the job has ended. */
    public Optional<Outcome<T>> outcomeNow() {
        return Optional.ofNullable(future.getNow(null));
    }

    /** A stage completing with the outcome (read-only: it cannot be completed by the caller). */
    public CompletionStage<Outcome<T>> outcome() {
        return future.minimalCompletionStage();
    }

    /** Waits for the outcome. */
    public Outcome<T> join() {
        return future.join();
    }

    /** Waits at most {@code timeout} for the outcome. */
    public Outcome<T> await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("handles never complete exceptionally", e);
        }
    }

    /**
     * Cancels the job if it is still waiting (in the CPU lane's queue or a batch buffer): it ends
     * as dropped with reason {@code cancelled}. Returns false if it already started or ended.
     */
    public boolean cancel() {
        if (!STATE.compareAndSet(this, QUEUED, ENDED)) {
            return false;
        }
        router.cancelled(this);
        return true;
    }

    boolean transition(int from, int to) {
        return STATE.compareAndSet(this, from, to);
    }

    /** Moves to ENDED from whatever state; false if already ended (someone else ends it). */
    boolean claimEnd() {
        while (true) {
            int s = state;
            if (s == ENDED) {
                return false;
            }
            if (STATE.compareAndSet(this, s, ENDED)) {
                return true;
            }
        }
    }

    /** Completes the future; the caller has claimed the end and updated the counters. */
    void finish(Outcome<T> outcome) {
        future.complete(outcome);
    }

    @Override
    public String toString() {
        return "JobHandle[job=" + job.id() + ", strategy=" + strategy.wireName() + ", state=" + state + "]";
    }

    /** The load a learning policy routed this job under (see {@link dev.helixrouter.engine.policy.Feedback}). */
    record LearnedContext(boolean explored, double pressure, double saturation, double queueFill,
                          long budgetLeftNanos) {}
}
