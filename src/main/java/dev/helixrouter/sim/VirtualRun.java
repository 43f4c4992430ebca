package dev.helixrouter.sim;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.Output;
import dev.helixrouter.engine.Work;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.time.ManualTime;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.LoadDriver;
import dev.helixrouter.workload.calibration.Overheads;
import dev.helixrouter.workload.calibration.ServiceModel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Runs arrivals against the real router on a modelled machine, in virtual time: a discrete-event
 * simulation that drives the same {@link HelixRouter} — policies, gate, counters, metrics
 * sampler, decision feed, batch buffers — through an injected {@link ManualTime} clock and
 * scheduler, a modelled CPU lane ({@link SimLane}) and modelled inline and spawned execution
 * ({@link SimExecution}). Only execution is modelled; no routing logic is copied.
 *
 * <p>The event loop repeatedly moves to the earliest of: the next arrival, the next end of a CPU
 * burst on the {@link SimMachine}, and the next timer (metrics interval, batch flush, the end of
 * a blocking wait). Callers are modelled as in live runs: {@code callers} caller threads take
 * arrivals in order at their intended time (open loop); inline work keeps its caller busy, and
 * an arrival with no free caller waits for one (its latency still counts from its intended
 * start). Everything is single-threaded and ordered, so the same arrivals and config give the
 * same result, bit for bit. Job outputs are not computed in virtual time (a job's work returns a
 * placeholder); only its modelled duration matters.
 */
public final class VirtualRun {
    /** Placeholder output of every job's work in virtual time. */
    public static final Output PLACEHOLDER = new Output.U64(0);
    private static final Work<Output> WORK = () -> PLACEHOLDER;

    /**
     * The modelled machine and load.
     *
     * @param cores   processors, and virtual-thread carriers
     * @param callers caller threads submitting the arrivals
     * @param model   service time of a job's CPU work
     * @param overheads CPU the router and the threads spend per job besides its work
     */
    public record Machine(int cores, int callers, ServiceModel model, Overheads overheads) {
        /** A machine that charges only the jobs' work. */
        public Machine(int cores, int callers, ServiceModel model) {
            this(cores, callers, model, Overheads.NONE);
        }

        /** Validates. */
        public Machine {
            if (cores < 1 || cores > 4096) {
                throw new IllegalArgumentException("cores must be within 1..4096, was " + cores);
            }
            if (callers < 1 || callers > 4096) {
                throw new IllegalArgumentException("callers must be within 1..4096, was " + callers);
            }
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(overheads, "overheads");
        }
    }

    /**
     * What a virtual run produced.
     *
     * @param snapshot     the final snapshot (idle: in flight 0)
     * @param virtualNanos virtual time from the first arrival's origin to the last job's end
     * @param events       events processed by the simulation
     */
    public record Result(RouterSnapshot snapshot, long virtualNanos, long events) {}

    /**
     * Steers a run while it goes, from the simulation's own thread: sees the router once it is
     * built, and is asked before each event whether to go on. A viewer uses it to pace a run
     * against the wall clock, to hold it, to stop its arrivals, or to touch the router between
     * events (the router must only be touched from the simulation's thread). Waiting here changes
     * nothing the simulation computes.
     */
    public interface Steering {
        /** Steering that lets a run go flat out to its end. */
        Steering NONE = (virtualNanos, submitted) -> true;

        /** The router this run drives, before the first event. */
        default void started(HelixRouter router) { }

        /**
         * Before the event at {@code virtualNanos} (since the origin), {@code submitted} jobs
         * submitted so far. May block; may throw to abandon the run (the router is then closed).
         *
         * @return false to take no more arrivals: the jobs submitted still end, then the run returns
         */
        boolean beforeEvent(long virtualNanos, int submitted);
    }

    private final Machine machine;
    private final LoadDriver.Progress progress;

    /** A run on {@code machine}, reporting progress to {@code progress} (may be null). */
    public VirtualRun(Machine machine, LoadDriver.Progress progress) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.progress = progress == null ? (s, e, t) -> { } : progress;
    }

    /** Runs {@code arrivals} (sorted by offset) against a router with {@code config}. */
    public Result run(RouterConfig config, List<Arrival> arrivals) {
        return run(config, arrivals, b -> b);
    }

    /**
     * Runs {@code arrivals} against a router with {@code config}; {@code customise} may add
     * builder options (a learned policy, a pressure source, interval listeners).
     */
    public Result run(RouterConfig config, List<Arrival> arrivals,
                      UnaryOperator<dev.helixrouter.engine.RouterBuilder> customise) {
        return run(config, arrivals, customise, Steering.NONE);
    }

    /** As {@link #run(RouterConfig, List, UnaryOperator)}, steered by {@code steering}. */
    public Result run(RouterConfig config, List<Arrival> arrivals,
                      UnaryOperator<dev.helixrouter.engine.RouterBuilder> customise, Steering steering) {
        Objects.requireNonNull(steering, "steering");
        Simulation sim = new Simulation(config, arrivals, customise);
        return sim.run(steering);
    }

    /** One simulation's state; single-threaded. */
    private final class Simulation implements SimExecution.CallerHooks, ServiceTimes {
        private final ManualTime time = new ManualTime();
        private final long origin = time.nanoTime();
        private final SimMachine cpu = new SimMachine(machine.cores(), origin);
        private final List<Arrival> arrivals;
        private final Map<Long, Long> waits = new HashMap<>();
        private final ArrayDeque<Integer> freeCallers = new ArrayDeque<>();
        private final ArrayDeque<Arrival> pending = new ArrayDeque<>();
        private final HelixRouter router;
        private int next;
        private int submitted;
        private Integer current;
        private boolean currentBusy;
        private long events;

        Simulation(RouterConfig config, List<Arrival> arrivals,
                   UnaryOperator<dev.helixrouter.engine.RouterBuilder> customise) {
            this.arrivals = arrivals;
            for (Arrival a : arrivals) {
                if (a.blockingWaitNanos() > 0) {
                    waits.put(a.job().id(), a.blockingWaitNanos());
                }
            }
            for (int i = 0; i < machine.callers(); i++) {
                freeCallers.add(i);
            }
            dev.helixrouter.engine.RouterBuilder b = HelixRouter.builder().clock(time).scheduler(time).config(config)
                    .threadPrefix("helix-virtual")
                    .laneFactory((p, cap, clock, prefix) -> new SimLane(cpu, time, time, this, p, cap))
                    .execution(r -> new SimExecution(cpu, time, time, this, this))
                    .carriers(machine.cores());
            this.router = customise.apply(b).build();
        }

        Result run(Steering steering) {
            int total = arrivals.size();
            try {
                steering.started(router);
                while (true) {
                    long tArrival = next < total ? origin + arrivals.get(next).offsetNanos() : Long.MAX_VALUE;
                    if (next >= total && pending.isEmpty() && router.inFlight() == 0) {
                        break;
                    }
                    long t = Math.min(tArrival, Math.min(cpu.nextCompletion(), time.nextDue()));
                    if (t == Long.MAX_VALUE) {
                        throw new IllegalStateException("the simulation stalled with " + router.inFlight()
                                + " jobs in flight and nothing scheduled");
                    }
                    t = Math.max(t, time.nanoTime());
                    if (!steering.beforeEvent(t - origin, submitted) && (next < total || !pending.isEmpty())) {
                        total = next; // stopped: arrivals not yet submitted never will be
                        pending.clear();
                        continue;
                    }
                    events++;
                    cpu.sync(t);
                    time.advanceTo(t);
                    cpu.completeDue();
                    while (next < total && origin + arrivals.get(next).offsetNanos() <= t) {
                        pending.add(arrivals.get(next++));
                    }
                    drainPending();
                    if ((events & 0x3FFF) == 0) {
                        progress.update(submitted, (int) (submitted - router.inFlight()), total);
                    }
                }
                long end = time.nanoTime();
                RouterSnapshot last = router.sampleNow();
                progress.update(submitted, submitted, total);
                return new Result(last, end - origin, events);
            } finally {
                router.close();
            }
        }

        /** Free callers take waiting arrivals, in order. */
        private void drainPending() {
            while (!freeCallers.isEmpty() && !pending.isEmpty()) {
                Integer caller = freeCallers.poll();
                Arrival a = pending.poll();
                current = caller;
                currentBusy = false;
                router.submit(a.job().withIntendedStart(origin + a.offsetNanos()), WORK);
                submitted++;
                current = null;
                if (!currentBusy) {
                    double cost = machine.overheads().callerNanos();
                    if (cost > 0) {
                        // The submission itself costs the caller CPU before it takes the next arrival.
                        cpu.burst(cost, () -> {
                            freeCallers.add(caller);
                            drainPending();
                        });
                    } else {
                        freeCallers.addFirst(caller); // not held by inline work: free again at once
                    }
                }
            }
        }

        @Override
        public void callerBusy() {
            currentBusy = true;
        }

        @Override
        public void callerFree(Object caller) {
            if (caller == current) {
                currentBusy = false; // finished within its own submit: drainPending frees it
                return;
            }
            freeCallers.add((Integer) caller);
            drainPending();
        }

        @Override
        public Object currentCaller() {
            return current;
        }

        @Override
        public long cpuNanos(Job job) {
            return machine.model().serviceNanos(job);
        }

        @Override
        public double overheadNanos(dev.helixrouter.engine.Strategy s) {
            return machine.overheads().executorNanos(s);
        }

        @Override
        public double callerNanos() {
            return machine.overheads().callerNanos();
        }

        @Override
        public long waitNanos(Job job) {
            return job.blocking() ? waits.getOrDefault(job.id(), 0L) : 0L;
        }
    }
}
