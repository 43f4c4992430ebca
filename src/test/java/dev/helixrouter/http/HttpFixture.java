package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.Output;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.workload.JobGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A router behind a real server on a loopback port, a client, and raw-socket requests for what HttpClient refuses to send. */
final class HttpFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final HelixRouter router;
    final HelixHttpServer server;
    final HttpClient client;
    final URI base;

    private HttpFixture(HelixRouter router, HelixHttpServer server) {
        this.router = router;
        this.server = server;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        this.base = server.uri();
    }

    /** Defaults: a 2-core config with 100 ms metrics intervals, on 127.0.0.1:0. */
    static HttpFixture start() {
        return start(r -> { }, s -> { });
    }

    static HttpFixture start(Consumer<RouterBuilder> router, Consumer<HelixHttpServer.Builder> server) {
        return start(router, (r, s) -> server.accept(s));
    }

    /** With the server's settings made knowing the router (e.g. a config file watcher on its store). */
    static HttpFixture start(Consumer<RouterBuilder> router, BiConsumer<HelixRouter, HelixHttpServer.Builder> server) {
        RouterBuilder rb = HelixRouter.builder()
                .config(RouterConfig.defaults(2).toBuilder().metricsIntervalMs(100).build())
                .threadPrefix("helix-test");
        router.accept(rb);
        HelixRouter r = rb.build();
        try {
            HelixHttpServer.Builder sb = HelixHttpServer.builder(r).bind(BindAddress.parse("127.0.0.1:0"))
                    .threadPrefix("helix-http-test");
            server.accept(r, sb);
            return new HttpFixture(r, sb.start());
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    int port() {
        return server.address().getPort();
    }

    // ---------------------------------------------------------------- HttpClient

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "not JSON: " + r.headers().map() + "\n" + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("body is not JSON: " + r.body(), e);
        }
    }

    /** Asserts a JSON error answer with {@code status} and {@code code}; returns its body. */
    static JsonNode assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(code, body.path("error").asText(), r.body());
        assertTrue(body.path("message").isTextual(), r.body());
        return body;
    }

    // ---------------------------------------------------------------- raw sockets

    /** One answer read off a raw socket; status -1 if the server closed the connection without one. */
    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean isJson() {
            return header("content-type") != null && header("content-type").startsWith("application/json");
        }
    }

    /** Sends {@code request} as is (CRLFs included) on a new connection and reads one answer. */
    Raw raw(String request) {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    Raw raw(byte[] request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port()), (int) TIMEOUT.toMillis());
            s.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the server may close early (e.g. after refusing a huge body); read what it said
            }
            return readResponse(s.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT + " to: " + preview(request), e);
        } catch (IOException e) {
            return new Raw(-1, Map.of(), e.toString());
        }
    }

    /** A GET with the given extra header lines (each without CRLF). */
    Raw rawGet(String path, String... headerLines) {
        StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        return raw(sb.append("Connection: close\r\n\r\n").toString());
    }

    static Raw readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || statusLine.isEmpty()) {
            return new Raw(-1, Map.of(), "");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if (status != 204 && status != 304) {
            try {
                in.transferTo(body);
            } catch (IOException ignored) {
                // connection reset after the body: keep what arrived
            }
        }
        return new Raw(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String preview(byte[] request) {
        String s = new String(request, 0, Math.min(request.length, 200), StandardCharsets.ISO_8859_1);
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    // ---------------------------------------------------------------- jobs

    /** Submits the original warm-up's first {@code n} jobs and waits for all of them to end. */
    List<JobHandle<Output>> runJobs(int n, long seed) {
        List<JobHandle<Output>> handles = new ArrayList<>(n);
        for (Job j : JobGenerator.warmup(seed, n)) {
            handles.add(router.submit(j));
        }
        for (JobHandle<Output> h : handles) {
            TestSupport.outcome(h);
        }
        return handles;
    }

    /** A snapshot taken now, after the router went idle. */
    RouterSnapshot idleSnapshot() {
        TestSupport.awaitTrue("router idle", () -> router.inFlight() == 0);
        return router.sampleNow();
    }

    /** Asserts submitted = completed + dropped + failed with nothing in flight. */
    static void assertBalanced(RouterSnapshot s) {
        assertEquals(0, s.inFlight(), "in flight");
        assertEquals(s.submitted(), s.completed() + s.dropped() + s.failed(),
                "submitted = completed + dropped + failed: " + s.submitted() + " vs " + s.completed() + " + "
                        + s.dropped() + " + " + s.failed());
    }

    @Override
    public void close() {
        server.close();
        router.close();
    }
}
