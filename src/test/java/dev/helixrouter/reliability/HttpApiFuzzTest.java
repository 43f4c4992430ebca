package dev.helixrouter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.http.BindAddress;
import dev.helixrouter.http.HelixHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile HTTP requests over real sockets against {@link HelixHttpServer} while jobs run: random
 * methods, paths, queries and headers (Host, Origin, If-Match, Content-Length, Transfer-Encoding,
 * …), and bodies made of mutated config and telemetry documents, random bytes and oversized
 * payloads. Every request gets an answer (or, for a request whose framing is broken, a closed
 * connection) within the hang bound; the API's refusals are JSON with {@code error} and
 * {@code message}; no answer is a 5xx, but the documented 501 for an unknown transfer coding
 * and 503 for a full set of event streams; the config in force stays valid throughout.
 */
class HttpApiFuzzTest {
    private static final Fuzz FUZZ = new Fuzz("fuzz_http");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MS = (int) Reliability.HANG.toMillis();
    private static final List<String> KEYS = Arrays.stream(ConfigKey.values()).map(ConfigKey::jsonName).toList();
    private static final List<String> BODIES = List.of(RouterConfigJson.toJson(RouterConfig.defaults(2)),
            "{\"batch_max_size\": 16, \"backpressure_gate\": \"busy\"}", "{\"pressure\": 0.5, \"ttl_ms\": 1000}",
            "{\"pressure\": 0, \"expected_version\": 3}", "{\"cpu_parallelism\": 3, \"expected_version\": 1}", "{}");
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PATCH", "PATCH", "PUT", "DELETE", "HEAD",
        "OPTIONS", "TRACE", "get", "FOO", "PATCH"};
    private static final String[] PATHS = {"/", "/health", "/api/stats", "/api/config", "/api/config", "/api/config",
        "/api/telemetry", "/api/telemetry", "/api/neural", "/metrics", "/api/stream/decisions", "/api/config/",
        "//api//stats", "/API/STATS", "/api/%73tats", "/..", "/api/../api/config", "/%00", "/%zz", "/?stream=off",
        "/api/config?expected_version=", "/api/stream/decisions?backlog=", "/api/config?expected_version=1&expected_version=2",
        "/api/stream/decisions?backlog=-1", "/" + "a".repeat(5_000), "/metrics?x=%ff%fe"};
    private static final String[] IF_MATCH = {"\"1\"", "W/\"2\"", "*", "\"abc\"", "1, 2", "", "\"99999999999999999999\"",
        "\"-1\"", "\"1"};

    private static HelixRouter router;
    private static HelixHttpServer server;
    private static OpenLoopLoad load;

    @BeforeContainer
    static void start() throws IOException {
        router = HelixRouter.builder().config(RouterConfig.defaults(2).toBuilder().metricsIntervalMs(100).build())
                .threadPrefix("fuzz-router").build();
        server = HelixHttpServer.builder(router).bind(BindAddress.parse("127.0.0.1:0")).threadPrefix("fuzz-http")
                .streamWriteTimeout(Duration.ofMillis(500)).heartbeat(Duration.ofMillis(200)).start();
        load = new OpenLoopLoad(router, "fuzz-caller", 1, 300, 11, OpenLoopLoad.each(
                id -> new Job(id, JobKind.of("Fuzz"), new long[] {id}, (id * 104_729) % 120_000, (id % 10) / 10.0, 40),
                id -> () -> id));
    }

    @AfterContainer
    static void stop() throws Exception {
        try (Quiet quiet = Quiet.loggers(HelixHttpServer.class)) {
            FUZZ.report();
            Answer health = send(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, health.status(), "the server still answers after the fuzzing");
            assertTrue(router.config().config().violations().isEmpty(), "the config in force is valid");
            load.stop();
            Reliability.awaitTrue(Duration.ofSeconds(60), "jobs ended", () -> load.ended() == load.submitted());
            RouterSnapshot s = router.sampleNow();
            assertEquals(load.submitted(), s.submitted());
            assertEquals(s.submitted(), s.completed() + s.dropped() + s.failed());
        } finally {
            server.close();
            router.close();
        }
    }

    /** A request as bytes, and what about it allows which answers. */
    record Request(byte[] bytes, String head, boolean brokenFraming, boolean oddTransferCoding, boolean stream) {
        @Override
        public String toString() {
            return head.length() > 400 ? head.substring(0, 400) + "..." : head;
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        return Arbitraries.randomValue(HttpApiFuzzTest::request);
    }

    private static Request request(Random r) {
        return r.nextInt(10) < 4 ? write(r) : anything(r);
    }

    /** A well-framed write from this origin, its body a mutated config or telemetry document. */
    private static Request write(Random r) {
        String method = r.nextBoolean() ? "PATCH" : "POST";
        String path = r.nextInt(4) == 0 ? "/api/telemetry" : "/api/config";
        String seed = BODIES.get(r.nextInt(BODIES.size()));
        String doc = switch (r.nextInt(4)) {
            case 0 -> seed;
            case 1 -> Hostile.tree(KEYS, r, 0);
            default -> Hostile.mutate(seed, r);
        };
        byte[] body = doc.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.address().getPort() + "\r\n"
                + (r.nextBoolean() ? "If-Match: " + Hostile.pick(IF_MATCH, r) + "\r\n" : "")
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(body);
        return new Request(all.toByteArray(), head + new String(body, StandardCharsets.UTF_8), false, false, false);
    }

    /** Any request: method, path, version, headers, framing and body all drawn at random. */
    private static Request anything(Random r) {
        boolean broken = false;
        String method = Hostile.pick(METHODS, r);
        String path = Hostile.pick(PATHS, r);
        if (path.endsWith("=")) {
            path += Hostile.pick(Hostile.NUMBERS, r).replace("+", "%2B");
        }
        if (r.nextInt(8) == 0) {
            path += Hostile.noise(r, 1 + r.nextInt(4)).replaceAll("[\\s\\u0000-\\u001f\\u007f-\\uffff]", "%20");
        }
        String version = "HTTP/1.1";
        switch (r.nextInt(40)) {
            case 0 -> { version = "HTTP/1.0"; }
            case 1 -> { version = "HTTP/2"; broken = true; }
            case 2 -> { method = ""; broken = true; }
            case 3 -> { method = "GET /"; broken = true; }
            default -> { }
        }
        List<String> headers = new ArrayList<>();
        switch (r.nextInt(12)) {
            case 0 -> { }
            case 1 -> headers.add("Host: evil.example");
            case 2 -> { headers.add("Host: 127.0.0.1"); headers.add("Host: 127.0.0.1"); }
            case 3 -> headers.add("Host: 127.0.0.1:99999");
            default -> headers.add("Host: 127.0.0.1:" + server.address().getPort());
        }
        if (r.nextInt(3) == 0) {
            headers.add("Content-Type: " + Hostile.pick(new String[] {"application/json", "text/plain",
                "application/json; charset=latin1", "multipart/form-data; boundary=x"}, r));
        }
        if (r.nextInt(3) == 0) {
            headers.add("If-Match: " + Hostile.pick(IF_MATCH, r));
        }
        if (r.nextInt(8) == 0) {
            headers.add("Origin: " + Hostile.pick(new String[] {"http://evil.example", "null",
                "http://127.0.0.1:" + server.address().getPort()}, r));
        }
        if (r.nextInt(10) == 0) {
            headers.add(Hostile.pick(new String[] {"Authorization: Bearer x", "Sec-Fetch-Site: cross-site",
                "Last-Event-ID: " + Hostile.pick(Hostile.NUMBERS, r), "Accept: application/openmetrics-text",
                "Expect: 100-continue", "X-Filler: " + "y".repeat(8_000)}, r));
        }
        if (r.nextInt(30) == 0) {
            headers.add("Bad Header\u0001: x");
            broken = true;
        }
        byte[] body = null;
        boolean oddCoding = false;
        if (!method.equals("GET") && r.nextInt(5) != 0 || r.nextInt(20) == 0) {
            body = body(r);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        if (body != null) {
            switch (r.nextInt(14)) {
                case 0 -> { } // no length: an empty body to the server
                case 1 -> { headers.add("Content-Length: " + (body.length + 5)); broken = true; }
                case 2 -> headers.add("Content-Length: " + Math.max(0, body.length - 3));
                case 3 -> { headers.add("Content-Length: -1"); broken = true; }
                case 4 -> {
                    headers.add("Content-Length: " + body.length);
                    headers.add("Content-Length: " + (body.length + 1));
                    broken = true;
                }
                case 5 -> {
                    headers.add("Transfer-Encoding: chunked");
                    payload.writeBytes(chunked(body, r.nextInt(4) == 0));
                    broken = true; // may be a broken chunk
                    body = null;
                }
                case 6 -> {
                    headers.add("Transfer-Encoding: gzip");
                    oddCoding = true;
                }
                default -> headers.add("Content-Length: " + body.length);
            }
            if (body != null) {
                payload.writeBytes(body);
            }
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(' ').append(version).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        all.writeBytes(payload.toByteArray());
        return new Request(all.toByteArray(), head.toString(), broken, oddCoding,
                path.startsWith("/api/stream/decisions"));
    }

    private static byte[] body(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> {
                byte[] b = new byte[r.nextInt(64)];
                r.nextBytes(b); // mostly not UTF-8
                yield b;
            }
            case 1 -> ("{\"a\": \"" + "z".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8); // over 64 KiB
            case 2 -> Hostile.tree(KEYS, r, 0).getBytes(StandardCharsets.UTF_8);
            default -> Hostile.mutate(BODIES.get(r.nextInt(BODIES.size())), r).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] chunked(byte[] body, boolean breakIt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int n = Math.min(7, body.length - at);
            out.writeBytes((Integer.toHexString(breakIt ? n + 3 : n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Property(seed = "9090")
    void everyRequest_getsAClearAnswer_neverA5xxOrAHang(@ForAll("requests") Request request) throws Exception {
        FUZZ.count("requests_tried");
        Answer a = Reliability.noHang("request", () -> send(request.bytes()));
        if (a.status() < 0) {
            assertTrue(request.brokenFraming(), "the connection was closed without an answer to: " + request);
            FUZZ.count("closed_without_answer_broken_framing");
            return;
        }
        FUZZ.count("status_" + a.status());
        if (a.status() >= 500) {
            boolean documented = a.status() == 501 && request.oddTransferCoding()
                    || a.status() == 503 && request.stream() && a.body().contains("too_many_streams");
            if (!documented) {
                fail("a " + a.status() + " for: " + request + "\n" + a.body());
            }
        }
        if (a.status() >= 400 && a.json() && !request.head().startsWith("HEAD ")) { // HEAD: headers only
            JsonNode err = JSON.readTree(a.body());
            assertTrue(err.path("error").isTextual() && !err.path("error").asText().isBlank(), a.body());
            Fuzz.clearMessage(err.path("message").asText(null), request);
        }
        if (a.status() == 200 && request.head().matches("(?s)(POST|PATCH) /api/config.*")) {
            assertTrue(router.config().config().violations().isEmpty(), "an invalid config applied by: " + request);
            FUZZ.count("config_writes_applied");
        }
    }

    /** An answer: its status (-1 if the connection closed without one), whether JSON, its body. */
    record Answer(int status, boolean json, String body) {}

    private static Answer send(byte[] request) throws IOException {
        Socket socket = new Socket();
        try (socket) {
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.address().getPort()), TIMEOUT_MS);
            writeAndHalfClose(socket, request);
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT_MS + " ms", e);
        }
    }

    /** Sends the request and half-closes; a server that answers early (413) may close before taking it all. */
    private static void writeAndHalfClose(Socket socket, byte[] request) {
        try {
            socket.getOutputStream().write(request);
            socket.shutdownOutput();
        } catch (IOException answeredEarly) {
            // what it said is read next
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8_192];
        int headEnd = -1;
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                buf.write(chunk, 0, n);
                String sofar = buf.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0) {
                    headEnd = sofar.indexOf("\r\n\r\n");
                }
                if (headEnd >= 0 && sofar.substring(0, headEnd).toLowerCase(Locale.ROOT).contains("text/event-stream")) {
                    break; // a live event stream: we have its answer, leave it
                }
                if (buf.size() > 4 << 20) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // reset after (or instead of) an answer: judge what arrived
        }
        String raw = buf.toString(StandardCharsets.ISO_8859_1);
        while (raw.startsWith("HTTP/1.1 100 ") && raw.contains("\r\n\r\n")) {
            raw = raw.substring(raw.indexOf("\r\n\r\n") + 4); // an interim answer to Expect: 100-continue
            buf = new ByteArrayOutputStream();
            buf.writeBytes(raw.getBytes(StandardCharsets.ISO_8859_1));
        }
        if (!raw.startsWith("HTTP/1.")) {
            return new Answer(-1, false, raw);
        }
        int status = Integer.parseInt(raw.substring(9, 12));
        int end = raw.indexOf("\r\n\r\n");
        String head = end < 0 ? raw : raw.substring(0, end);
        String body = end < 0 ? "" : new String(buf.toByteArray(), end + 4, buf.size() - end - 4, StandardCharsets.UTF_8);
        boolean json = head.toLowerCase(Locale.ROOT).contains("content-type: application/json");
        return new Answer(status, json, body);
    }
}
