package dev.helixrouter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The stream of routing decisions: a bounded ring of the most recent events, read by any number
 * of subscribers at their own pace.
 *
 * <p><b>Design.</b> Publishing claims a sequence number and writes one slot of a power-of-two
 * ring — no lock, and no work per subscriber, so subscribers can never slow the router. Each
 * {@link Subscription} is a cursor into the ring. A subscriber that falls more than the ring's
 * capacity behind has lost the oldest events: the next poll skips to the oldest event still
 * held and counts the gap in {@link Subscription#lost()}. (The same idea as a disruptor's ring
 * with a non-blocking producer.)
 */
public final class DecisionFeed {
    private final AtomicReferenceArray<DecisionEvent> ring;
    private final int mask;
    private final AtomicLong next = new AtomicLong();

    /** A feed keeping the last {@code capacity} events (rounded up to a power of two). */
    public DecisionFeed(int capacity) {
        int cap = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        this.ring = new AtomicReferenceArray<>(cap);
        this.mask = cap - 1;
    }

    /** Events the ring holds at most. */
    public int capacity() {
        return mask + 1;
    }

    /** Claims the sequence number for the next event. */
    long claim() {
        return next.getAndIncrement();
    }

    /** Publishes an event built with a claimed sequence number. */
    void publish(DecisionEvent e) {
        ring.lazySet((int) (e.sequence() & mask), e);
    }

    /** Number of events published (claimed) so far. */
    public long published() {
        return next.get();
    }

    /** Up to {@code max} most recent events, oldest first. */
    public List<DecisionEvent> recent(int max) {
        long end = next.get();
        long start = Math.max(0, end - Math.min(max, capacity()));
        List<DecisionEvent> out = new ArrayList<>((int) (end - start));
        for (long s = start; s < end; s++) {
            DecisionEvent e = ring.get((int) (s & mask));
            if (e != null && e.sequence() == s) {
                out.add(e);
            }
        }
        return out;
    }

    /** A new subscription starting at the next event published. */
    public Subscription subscribe() {
        return new Subscription(next.get());
    }

    /** A new subscription starting with the oldest event still held. */
    public Subscription subscribeFromOldest() {
        return new Subscription(Math.max(0, next.get() - capacity()));
    }

    /** A reader's cursor into the feed. Use from one thread at a time. */
    public final class Subscription {
        private long cursor;
        private long lost;

        private Subscription(long cursor) {
            this.cursor = cursor;
        }

        /**
         * Delivers up to {@code max} events, oldest first, to {@code sink}; returns how many.
         * Events overwritten before this subscriber read them are skipped and counted as lost.
         */
        public int poll(int max, Consumer<? super DecisionEvent> sink) {
            int delivered = 0;
            while (delivered < max) {
                DecisionEvent e = ring.get((int) (cursor & mask));
                if (e == null || e.sequence() < cursor) {
                    break; // not yet published
                }
                if (e.sequence() > cursor) {
                    // Lapped: the writer overwrote our slot. Skip to the oldest event still held.
                    long oldest = Math.max(cursor + 1, next.get() - capacity());
                    lost += oldest - cursor;
                    cursor = oldest;
                    continue;
                }
                sink.accept(e);
                cursor++;
                delivered++;
            }
            return delivered;
        }

        /** Up to {@code max} events as a list. */
        public List<DecisionEvent> poll(int max) {
            List<DecisionEvent> out = new ArrayList<>();
            poll(max, out::add);
            return out;
        }

        /** Events this subscriber missed because it fell too far behind. */
        public long lost() {
            return lost;
        }

        /** Sequence number of the next event this subscriber will read. */
        public long position() {
            return cursor;
        }
    }
}
