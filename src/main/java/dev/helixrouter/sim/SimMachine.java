package dev.helixrouter.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The modelled machine: {@code cores} processors shared by the runnable platform threads, and
 * {@code cores} carrier threads for virtual threads.
 *
 * <p><b>Model.</b> Every runnable platform thread — a caller running inline work, a CPU-lane
 * worker, a carrier running a mounted virtual thread — gets an equal share of the processors:
 * with {@code R} runnable threads each progresses at {@code min(1, cores / R)} (ideal processor
 * sharing, the limit of a fair time-slicing OS scheduler). Virtual threads are <em>not</em>
 * time-sliced: a virtual thread in a CPU burst holds its carrier until the burst ends, and the
 * others wait in FIFO order for a free carrier, exactly what makes CPU-bound spawned work starve
 * everything else on a real JVM. A thread that waits (blocking I/O) takes no processor.
 *
 * <p>Time is in nanoseconds on the virtual clock. Work is a double of "CPU nanoseconds at full
 * speed"; completion times are rounded up to whole nanoseconds so every burst ends at a
 * representable instant. Deterministic: bursts are kept in start order and completed in that
 * order when several end at the same instant.
 */
final class SimMachine {
    /** Work left below this is done (absorbs floating-point dust). */
    private static final double EPSILON = 1e-3;

    private final int cores;
    private final List<Burst> running = new ArrayList<>();
    private final ArrayDeque<Runnable> carrierWaiters = new ArrayDeque<>();
    private int freeCarriers;
    private long syncedAt;

    SimMachine(int cores, long startNanos) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, was " + cores);
        }
        this.cores = cores;
        this.freeCarriers = cores;
        this.syncedAt = startNanos;
    }

    int cores() {
        return cores;
    }

    /** Runnable platform threads now. */
    int runnable() {
        return running.size();
    }

    /** Carriers running a virtual thread now. */
    int busyCarriers() {
        return cores - freeCarriers;
    }

    private double rate() {
        return running.isEmpty() ? 1.0 : Math.min(1.0, (double) cores / running.size());
    }

    /** Advances every running burst to time {@code t}. */
    void sync(long t) {
        long elapsed = t - syncedAt;
        if (elapsed > 0 && !running.isEmpty()) {
            double done = elapsed * rate();
            for (Burst b : running) {
                b.remaining -= done;
            }
        }
        if (t > syncedAt) {
            syncedAt = t;
        }
    }

    /** When the next burst ends at the current rates, or {@link Long#MAX_VALUE}. */
    long nextCompletion() {
        if (running.isEmpty()) {
            return Long.MAX_VALUE;
        }
        double min = Double.MAX_VALUE;
        for (Burst b : running) {
            min = Math.min(min, b.remaining);
        }
        return syncedAt + Math.max(0, (long) Math.ceil(Math.max(0, min) / rate()));
    }

    /**
     * Starts a CPU burst of {@code workNanos} on a platform thread (which must be synced to now);
     * {@code onDone} runs when it ends. A zero burst ends at once.
     */
    void burst(double workNanos, Runnable onDone) {
        if (workNanos <= EPSILON) {
            onDone.run();
            return;
        }
        running.add(new Burst(workNanos, onDone));
    }

    /** Ends every burst that is done by now (after {@link #sync}); runs their callbacks in start order. */
    boolean completeDue() {
        List<Burst> done = null;
        for (int i = 0; i < running.size(); i++) {
            Burst b = running.get(i);
            if (b.remaining <= EPSILON) {
                if (done == null) {
                    done = new ArrayList<>();
                }
                done.add(b);
            }
        }
        if (done == null) {
            return false;
        }
        running.removeAll(done);
        for (Burst b : done) {
            b.onDone.run();
        }
        return true;
    }

    /** Runs {@code mounted} as soon as a carrier is free (FIFO), holding it until {@link #releaseCarrier()}. */
    void withCarrier(Runnable mounted) {
        if (freeCarriers > 0) {
            freeCarriers--;
            mounted.run();
        } else {
            carrierWaiters.add(mounted);
        }
    }

    /** The virtual thread on a carrier unmounted (ended or parked): the next waiter mounts. */
    void releaseCarrier() {
        Runnable next = carrierWaiters.poll();
        if (next != null) {
            next.run();
        } else {
            freeCarriers++;
        }
    }

    /** Virtual threads waiting for a carrier. */
    int carrierQueue() {
        return carrierWaiters.size();
    }

    private static final class Burst {
        double remaining;
        final Runnable onDone;

        Burst(double remaining, Runnable onDone) {
            this.remaining = remaining;
            this.onDone = onDone;
        }
    }
}
