package dev.helixrouter.http;

import com.sun.net.httpserver.HttpServer;
import dev.helixrouter.engine.HelixRouter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of one {@link HelixRouter}: the live dashboard, health, stats, config (read,
 * replace, patch), telemetry, the learned policy's state, the decision stream (SSE) and
 * Prometheus metrics. {@code helixrouter serve} runs it; the lab can start the same server
 * around its own router. The endpoints are documented in docs/HTTP.md.
 *
 * <pre>{@code
 * try (HelixHttpServer http = HelixHttpServer.builder(router).bind(BindAddress.parse("127.0.0.1:0")).start()) {
 *     System.out.println("dashboard at " + http.uri());
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Requests run on a small pool of named platform threads
 * ({@code <prefix>-N}); each decision stream has its own platform thread
 * ({@code <prefix>-sse-N}); one timer thread ({@code <prefix>-timer}) runs the streams' watchdog
 * and samples the dashboard's throughput history. None is a virtual thread, so CPU-bound spawned jobs
 * that hold every carrier cannot stall {@code /metrics} or the dashboard (SPEC §1). The JDK's
 * server adds its own dispatcher thread, which only accepts connections and hands them over.
 *
 * <p><b>Security</b> (SPEC §9). Loopback by default. Bound to any other address, the server
 * refuses to start without an API token, and mutating requests must carry it as a bearer token;
 * with a token configured on loopback, mutations need it too. The Host header must name this
 * server (DNS rebinding) and writes must not come from another origin (cross-site requests).
 * Bodies are capped (64 KiB by default, 413 beyond), decision streams too (16, 503 beyond), and
 * requests queue in a bounded queue: beyond it, new connections are closed rather than queued
 * without limit.
 */
public final class HelixHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HelixHttpServer.class);

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final DecisionStream stream;
    private final BindAddress bind;
    private final URI uri;
    private volatile boolean closed;

    private HelixHttpServer(Builder b) throws IOException {
        this.bind = b.bind;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(b.threadPrefix + "-timer").daemon(true).factory());
        this.stream = new DecisionStream(b.router.decisions(), b.maxStreams, b.heartbeat, b.streamPoll,
                b.streamWriteTimeout, b.threadPrefix, timer);
        ThroughputHistory history = new ThroughputHistory(b.router);
        timer.scheduleAtFixedRate(history::sample, 0, 1, TimeUnit.SECONDS);
        this.workers = new ThreadPoolExecutor(b.workerThreads, b.workerThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(b.queuedRequests),
                Thread.ofPlatform().name(b.threadPrefix + "-", 1).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy()); // the JDK server closes a connection it cannot hand over
        workers.allowCoreThreadTimeOut(true);
        HttpServer s = null;
        try {
            s = HttpServer.create(b.bind.address(), 128);
            MetricsEndpoint metrics = new MetricsEndpoint(b.router, stream, b.watcher);
            RequestGuard guard = new RequestGuard(b.bind, b.allowedHosts, b.token);
            s.createContext("/", new ApiHandler(b.router, guard, metrics, stream, new Dashboard(b.router, history),
                    b.maxBodyBytes));
            s.setExecutor(workers);
            s.start();
        } catch (IOException | RuntimeException e) {
            if (s != null) {
                s.stop(0);
            }
            stream.close();
            timer.shutdownNow();
            workers.shutdownNow();
            throw e;
        }
        this.server = s;
        InetSocketAddress a = s.getAddress();
        String host = bind.isWildcard() ? "127.0.0.1" : a.getAddress().getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
        LOG.info("HTTP API listening on {}", bind.isWildcard() ? bind.host() + ":" + a.getPort() : uri);
    }

    /** A builder for a server around {@code router}. */
    public static Builder builder(HelixRouter router) {
        return new Builder(router);
    }

    /** The address actually bound (the real port when asked for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port/}, the dashboard's address (on 127.0.0.1 when bound to every interface). */
    public URI uri() {
        return uri;
    }

    /** Decision streams open now. */
    public int streamClients() {
        return stream.clients();
    }

    /** Closes the streams, stops listening and stops the request threads. Idempotent; the router stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stream.close();
        timer.shutdownNow();
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("HTTP API on {} stopped", uri);
    }

    /** Settings of a server; {@link #start()} validates them and starts listening. */
    public static final class Builder {
        private final HelixRouter router;
        private BindAddress bind = BindAddress.parse(BindAddress.DEFAULT);
        private Optional<String> token = Optional.empty();
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private int maxBodyBytes = 64 * 1024;
        private int maxStreams = 16;
        private Duration heartbeat = Duration.ofSeconds(15);
        private Duration streamPoll = Duration.ofMillis(50);
        private Duration streamWriteTimeout = Duration.ofSeconds(10);
        private int workerThreads = Math.max(4, Math.min(16, 2 * Runtime.getRuntime().availableProcessors()));
        private int queuedRequests = 256;
        private String threadPrefix = "helix-http";
        private ConfigFileWatcher watcher;

        private Builder(HelixRouter router) {
            this.router = Objects.requireNonNull(router, "router");
        }

        /** Where to listen (default {@value BindAddress#DEFAULT}). */
        public Builder bind(BindAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The API token mutating requests must send as {@code Authorization: Bearer TOKEN};
         * required when bound beyond loopback. Null or blank means none.
         */
        public Builder apiToken(String token) {
            this.token = token == null || token.isBlank() ? Optional.empty() : Optional.of(token.trim());
            return this;
        }

        /** Also accept this name in the Host header (e.g. the DNS name a fleet reaches the instance by). */
        public Builder allowHost(String name) {
            String n = Objects.requireNonNull(name, "name").trim();
            if (RequestGuard.hostName(n) == null || n.contains(":")) {
                throw new IllegalArgumentException("allowed host '" + name + "' must be a host name, without port");
            }
            allowedHosts.add(RequestGuard.hostName(n));
            return this;
        }

        /** Largest request body accepted, in bytes (default 64 KiB; 413 beyond). */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be within 1 KiB..16 MiB, was " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Decision streams open at once, at most (default 16; 503 beyond). */
        public Builder maxStreams(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("maxStreams must be within 1..1024, was " + n);
            }
            this.maxStreams = n;
            return this;
        }

        /** How often an idle decision stream sends a heartbeat comment (default 15 s). */
        public Builder heartbeat(Duration every) {
            this.heartbeat = positive(every, "heartbeat");
            return this;
        }

        /** How often a decision stream looks for new decisions (default 50 ms). */
        public Builder streamPollInterval(Duration every) {
            this.streamPoll = positive(every, "streamPollInterval");
            return this;
        }

        /** How long one write to a stream client may block before the stream is closed (default 10 s). */
        public Builder streamWriteTimeout(Duration timeout) {
            this.streamWriteTimeout = positive(timeout, "streamWriteTimeout");
            return this;
        }

        /** Request threads (default 2 per core, 4..16). */
        public Builder workerThreads(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("workerThreads must be within 1..256, was " + n);
            }
            this.workerThreads = n;
            return this;
        }

        /** Prefix of the server's thread names (default {@code helix-http}). */
        public Builder threadPrefix(String prefix) {
            this.threadPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** A config file watcher whose checks {@code /metrics} reports ({@code helix_config_file_checks_total}). */
        public Builder configWatcher(ConfigFileWatcher watcher) {
            this.watcher = Objects.requireNonNull(watcher, "watcher");
            return this;
        }

        /**
         * Starts listening.
         *
         * @throws IllegalStateException if bound beyond loopback without an API token
         * @throws IOException           if the address cannot be bound (in use, not this machine's)
         */
        public HelixHttpServer start() throws IOException {
            if (!bind.isLoopback() && token.isEmpty()) {
                throw new IllegalStateException("refusing to serve on " + bind + " without an API token: beyond "
                        + "loopback, anyone who can reach the port could reconfigure the router. Set HELIX_API_TOKEN "
                        + "(mutating requests then need 'Authorization: Bearer <token>'), or bind 127.0.0.1.");
            }
            return new HelixHttpServer(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be > 0, was " + d);
            }
            return d;
        }
    }
}
