package dev.helixrouter.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.helixrouter.engine.DecisionEvent;
import dev.helixrouter.engine.DecisionFeed;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live decision stream, {@code GET /api/stream/decisions}, as Server-Sent Events.
 *
 * <p><b>A slow client never slows the router.</b> Each client gets its own
 * {@link DecisionFeed.Subscription} — a cursor into the engine's lock-free ring — and its own
 * named platform thread that reads from the cursor and writes to the socket. The router only
 * ever writes the ring; it never waits for, or even knows about, a client. A client that reads
 * slower than decisions are made falls behind, the ring overwrites what it has not read, and
 * the gap is counted and told to it as an SSE comment ({@code : lost N decision events}).
 *
 * <p><b>Bounded.</b> At most {@code maxClients} streams at once (503 beyond, with
 * {@code Retry-After}). A client that stops reading altogether would block its thread in a
 * socket write forever; a watchdog interrupts any write blocked longer than the write timeout,
 * which closes that connection (socket channels are interruptible) and frees the slot. A
 * heartbeat comment every ~15 s keeps proxies from timing the stream out and finds clients that
 * went away.
 *
 * <p><b>Resuming.</b> Event ids are decision sequence numbers. A reconnecting
 * {@code EventSource} sends {@code Last-Event-ID}; the stream resumes right after it if the ring
 * still holds those events, and otherwise starts with the oldest it holds and reports the gap.
 */
final class DecisionStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionStream.class);
    /** Events written per socket write, at most. */
    private static final int BATCH = 256;

    private final DecisionFeed feed;
    private final int maxClients;
    private final long heartbeatNanos;
    private final long pollNanos;
    private final long writeTimeoutNanos;
    private final String threadPrefix;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger threadCounter = new AtomicInteger();
    private final LongAdder lost = new LongAdder();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> watchdog;
    private volatile boolean closed;

    /** A stream hub; its watchdog runs on {@code timer} (a platform thread the server owns). */
    DecisionStream(DecisionFeed feed, int maxClients, Duration heartbeat, Duration poll, Duration writeTimeout,
                   String threadPrefix, ScheduledExecutorService timer) {
        this.feed = feed;
        this.maxClients = maxClients;
        this.heartbeatNanos = heartbeat.toNanos();
        this.pollNanos = poll.toNanos();
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.threadPrefix = threadPrefix;
        long period = Math.max(10_000_000L, writeTimeoutNanos / 4);
        this.watchdog = timer.scheduleAtFixedRate(this::interruptStuckWriters, period, period, TimeUnit.NANOSECONDS);
    }

    /** Streams open now. */
    int clients() {
        return active.get();
    }

    /** Decision events lost by slow or late clients, over all streams. */
    long lostTotal() {
        return lost.sum();
    }

    /**
     * Starts a stream on {@code ex}: sends the headers here, then hands the exchange to a new
     * stream thread. {@code lastEventId} (from {@code Last-Event-ID}) resumes after that event;
     * otherwise the stream starts with the {@code backlog} most recent events still held.
     *
     * @throws ApiError 503 if {@code maxClients} streams are open
     */
    void open(HttpExchange ex, Long lastEventId, int backlog) throws IOException {
        int n;
        do {
            n = active.get();
            if (n >= maxClients || closed) {
                throw ApiError.of(503, "too_many_streams", "at most " + maxClients
                        + " decision streams may be open at once; try again later").withHeader("Retry-After", "5");
            }
        } while (!active.compareAndSet(n, n + 1));
        Session session;
        try {
            session = new Session(ex, start(lastEventId, backlog), lastEventId != null);
            Headers h = ex.getResponseHeaders();
            h.set("Content-Type", "text/event-stream; charset=utf-8");
            h.set("X-Accel-Buffering", "no"); // tell nginx-style proxies not to buffer the stream
            Exchanges.standardHeaders(h);
            ex.sendResponseHeaders(200, 0);
        } catch (IOException | RuntimeException | Error e) {
            active.decrementAndGet();
            throw e;
        }
        sessions.add(session);
        try {
            Thread.ofPlatform().name(threadPrefix + "-sse-" + threadCounter.incrementAndGet()).daemon(true)
                    .start(session::run);
        } catch (RuntimeException | Error e) {
            sessions.remove(session);
            active.decrementAndGet();
            ex.close();
            throw e;
        }
    }

    /** Where a new stream starts: a subscription and the first sequence number it owes the client. */
    private record Start(DecisionFeed.Subscription subscription, long expected) {}

    private Start start(Long lastEventId, int backlog) {
        long published = feed.published();
        if (lastEventId != null && lastEventId + 1 < published) {
            return new Start(feed.subscribeFromOldest(), lastEventId + 1);
        }
        if (lastEventId == null && backlog > 0) {
            return new Start(feed.subscribeFromOldest(), Math.max(0, published - backlog));
        }
        DecisionFeed.Subscription s = feed.subscribe();
        return new Start(s, s.position());
    }

    private void interruptStuckWriters() {
        long now = System.nanoTime();
        for (Session s : sessions) {
            long started = s.writeStarted.get();
            if (started != 0 && now - started > writeTimeoutNanos) {
                LOG.info("decision stream {}: a write has been blocked for over {} ms; closing it",
                        s.name(), writeTimeoutNanos / 1_000_000);
                s.thread.interrupt();
            }
        }
    }

    /** Ends every stream and stops the watchdog. */
    @Override
    public void close() {
        closed = true;
        for (Session s : sessions) {
            s.stop();
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (Session s : sessions) {
            Thread t = s.thread;
            if (t != null) {
                try {
                    t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        watchdog.cancel(false);
    }

    /** One client's stream, run on its own platform thread. */
    private final class Session {
        private final HttpExchange ex;
        private final DecisionFeed.Subscription sub;
        private final boolean resumed;
        private final AtomicLong writeStarted = new AtomicLong();
        private final StringBuilder buf = new StringBuilder(8192);
        private long expected;
        private long lostHere;
        private volatile boolean stopping;
        private volatile Thread thread;

        Session(HttpExchange ex, Start start, boolean resumed) {
            this.ex = ex;
            this.sub = start.subscription();
            this.expected = start.expected();
            this.resumed = resumed;
        }

        String name() {
            Thread t = thread;
            return t == null ? "?" : t.getName();
        }

        void stop() {
            stopping = true;
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }

        void run() {
            thread = Thread.currentThread();
            try (OutputStream out = ex.getResponseBody()) {
                buf.append("retry: 2000\n");
                buf.append(resumed ? ": resuming after event " + (expected - 1) : ": connected").append("\n\n");
                write(out);
                long lastWrite = System.nanoTime();
                while (!stopping && !closed && !Thread.currentThread().isInterrupted()) {
                    int n = sub.poll(BATCH, this::append);
                    long now = System.nanoTime();
                    if (!buf.isEmpty()) {
                        write(out);
                        lastWrite = now;
                    } else if (now - lastWrite >= heartbeatNanos) {
                        buf.append(": heartbeat\n\n");
                        write(out);
                        lastWrite = now;
                    }
                    if (n < BATCH) {
                        LockSupport.parkNanos(pollNanos);
                    }
                }
            } catch (IOException e) {
                LOG.debug("decision stream {} ended: {}", name(), e.toString());
            } catch (RuntimeException e) {
                LOG.warn("decision stream {} failed", name(), e);
            } finally {
                sessions.remove(this);
                active.decrementAndGet();
                ex.close();
            }
        }

        private void append(DecisionEvent e) {
            long seq = e.sequence();
            if (seq < expected) {
                return; // already sent before a reconnect, or older than the backlog asked for
            }
            if (seq > expected) {
                long gap = seq - expected;
                lostHere += gap;
                lost.add(gap);
                buf.append(": lost ").append(gap).append(" decision events (this stream fell behind the router; ")
                        .append(lostHere).append(" lost in all)\n"); // right before the event that shows the gap
            }
            expected = seq + 1;
            buf.append("id: ").append(seq).append("\nevent: decision\ndata: ")
                    .append(DecisionJson.toTree(e).toString()).append("\n\n");
        }

        private void write(OutputStream out) throws IOException {
            byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
            buf.setLength(0);
            writeStarted.set(System.nanoTime());
            try {
                out.write(bytes);
                out.flush();
            } finally {
                writeStarted.set(0);
            }
        }
    }
}
