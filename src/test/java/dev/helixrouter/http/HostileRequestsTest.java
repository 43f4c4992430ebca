package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.helixrouter.engine.config.AppliedConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.workload.JobGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A battery of malformed and hostile requests — bad JSON, wrong types, huge numbers, NaN, deep
 * nesting, oversized bodies, wrong methods, path tricks, forged Host and Origin, header floods,
 * garbage request lines — sent while jobs run. Each gets the refusal it deserves, never a 5xx
 * (but for the one the HTTP spec itself prescribes), nothing is applied, and afterwards the
 * server still answers and the router's counters balance.
 */
class HostileRequestsTest {
    /** Statuses a refusal may have when the JDK's HTTP parser refuses the request before the API sees it. */
    private static final int CLOSED = -1;

    private record Attack(String name, byte[] request, Set<Integer> expected) {}

    private final List<Attack> attacks = new ArrayList<>();
    /** Attacks the JDK's HTTP parser answers itself, in plain text, before the API is asked. */
    private final Set<String> jdkAnswers = new java.util.HashSet<>();

    private void add(String name, String request, Integer... expected) {
        attacks.add(new Attack(name, request.getBytes(StandardCharsets.ISO_8859_1), Set.of(expected)));
    }

    private void addBytes(String name, byte[] request, Integer... expected) {
        attacks.add(new Attack(name, request, Set.of(expected)));
    }

    private static String request(String method, String path, String body, String... headers) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean host = false;
        for (String h : headers) {
            host |= h.regionMatches(true, 0, "Host:", 0, 5);
            sb.append(h).append("\r\n");
        }
        if (!host) {
            sb.append("Host: 127.0.0.1\r\n");
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        if (body != null) {
            sb.append(new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    private void patch(String name, String body, Integer... expected) {
        add(name, request("PATCH", "/api/config", body), expected);
    }

    private void buildBattery() {
        // ---- malformed JSON: 400
        String[] badJson = {"{", "}", "[", "{\"inline_threshold\":}", "{'inline_threshold': 1}", "{inline_threshold: 1}",
            "{\"inline_threshold\": 01}", "{\"inline_threshold\": 1,}", "{\"a\": 1 \"b\": 2}", "{\"a\": [1, 2}",
            "{\"a\": tru}", "nul", "{\"a\": \"unterminated}", "{\"a\": 1} {\"b\": 2}", "{\"a\": 1}]",
            "{\"a\": /* comment */ 1}", "{\"a\": 0x10}", "{\"a\": +1}", "{\"a\": .5}", "{\"a\": 1.}", "{\"a\": -}",
            "{\"a\":\u0001 1}", "{\"a\": \"\\x41\"}", "{\"a\": \"\\uZZZZ\"}", "{\"\\ud800\": 1", "{\"a\"::1}",
            "{,}", "{\"a\": 1, \"a\": 2}", "\ufeff{\"a\": 1}", "{\"a\": 1e}", "{\"a\": --1}", "   ", "\"\"\""};
        for (String b : badJson) {
            patch("bad json " + b, b, 400);
        }
        // ---- wrong types and values, key by key: 422
        String[] intKeys = {"inline_threshold", "spawn_threshold", "cpu_queue_cap", "cpu_parallelism",
            "spawn_max_in_flight", "batch_max_size", "batch_max_delay_ms", "cpu_p95_budget_ms", "metrics_interval_ms"};
        String[] badInts = {"\"8000\"", "true", "[]", "{}", "1.5", "-1", "1e400", "-1e400", "9223372036854775808",
            "NaN", "Infinity", "-Infinity", "null", "\"\""};
        for (String k : intKeys) {
            for (String v : badInts) {
                patch(k + "=" + v, "{\"" + k + "\": " + v + "}", 422);
            }
        }
        String[] decimalKeys = {"pressure_shed_threshold", "ema_alpha", "adaptive_step"};
        String[] badDecimals = {"\"0.5\"", "true", "[]", "{}", "-1", "1e400", "1.5", "NaN", "Infinity", "-Infinity",
            "null", "2", "-0.0001"};
        for (String k : decimalKeys) {
            for (String v : badDecimals) {
                patch(k + "=" + v, "{\"" + k + "\": " + v + "}", 422);
            }
        }
        for (String k : new String[] {"backpressure_gate", "routing_policy"}) {
            for (String v : new String[] {"\"magic\"", "1", "true", "[]", "{}", "null", "\"BUSY \"", "\"\""}) {
                patch(k + "=" + v, "{\"" + k + "\": " + v + "}", 422);
            }
        }
        patch("unknown key", "{\"inline_treshold\": 9000}", 422);
        patch("not an object: array", "[{\"inline_threshold\": 9000}]", 422);
        patch("not an object: number", "42", 422);
        patch("not an object: string", "\"inline_threshold\"", 422);
        patch("cross-key rule", "{\"inline_threshold\": 70000}", 422);
        add("replace with a broken rule", request("POST", "/api/config", "{\"cpu_queue_cap\": 0}"), 422);
        add("replace with NaN", request("POST", "/api/config", "{\"ema_alpha\": NaN}"), 422);
        // ---- nesting and number length: 400, or 422 when parseable but wrong
        patch("33 levels of arrays", "[".repeat(33) + "]".repeat(33), 400);
        patch("1000 levels of arrays", "[".repeat(1000) + "]".repeat(1000), 400);
        patch("100 levels of objects", "{\"a\":".repeat(100) + "1" + "}".repeat(100), 400);
        patch("10000 open brackets", "[".repeat(10_000), 400);
        patch("a 1001-digit number", "{\"inline_threshold\": " + "9".repeat(1001) + "}", 400);
        patch("a 999-digit number", "{\"inline_threshold\": " + "9".repeat(999) + "}", 422);
        patch("a tiny exponent", "{\"ema_alpha\": 1e-999999999}", 422);
        patch("a huge exponent", "{\"inline_threshold\": 1e999999999}", 422);
        patch("expected_version huge", "{\"expected_version\": 1e999999999}", 422);
        // ---- oversized bodies: 413
        patch("64 KiB + 1", "{\"x\":\"" + "a".repeat(64 * 1024 - 7) + "\"}", 413);
        patch("1 MiB", "{\"x\":\"" + "a".repeat(1 << 20) + "\"}", 413, CLOSED);
        add("declared 1 TB", "POST /api/telemetry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000000000\r\n"
                + "\r\n{}", 413);
        StringBuilder chunked = new StringBuilder("PATCH /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 24; i++) {
            chunked.append("1000\r\n").append("b".repeat(4096)).append("\r\n");
        }
        add("chunked 96 KiB", chunked.append("0\r\n\r\n").toString(), 413);
        // ---- wrong methods: 405
        String[][] wrong = {{"PUT", "/api/config"}, {"DELETE", "/api/config"}, {"TRACE", "/health"},
            {"FOO", "/api/stats"}, {"PATCH", "/health"}, {"POST", "/metrics"}, {"GET", "/api/telemetry"},
            {"DELETE", "/"}, {"POST", "/api/stream/decisions"}, {"get", "/health"}, {"PROPFIND", "/"},
            {"POST", "/api/neural"}, {"PUT", "/api/telemetry"}};
        for (String[] w : wrong) {
            add(w[0] + " " + w[1], request(w[0], w[1], w[0].equals("GET") || w[0].equals("get") ? null : "{}"), 405);
        }
        // ---- path tricks: 404 (or the JDK's 400 for targets that are not URIs)
        String[] paths = {"/../", "/api/../api/stats", "/%2e%2e/", "/api/%2e%2e/stats", "//api//stats", "/api/stats/",
            "/API/STATS", "/api/stats;x", "/api/stats%00", "/./health", "/health/.", "/%2fhealth", "/api%2fstats",
            "/h%65alth", "/" + "a".repeat(8000), "/api/stats/../../etc/passwd", "/..%2f..%2fetc%2fpasswd",
            "/%252e%252e/health", "/health%20", "/%c0%ae%c0%ae/"};
        for (String p : paths) {
            add("path " + p.substring(0, Math.min(40, p.length())), request("GET", p, null), 404, 400);
        }
        add("path with raw UTF-8", request("GET", "/h\u00c3\u00a9alth", null), 400, 404);
        add("path with a space", "GET /api stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 400, 404);
        add("absolute-form target elsewhere", request("GET", "http://evil.example/api/stats", null,
                "Host: evil.example"), 403);
        // The JDK looks the target up in its own context table first and answers "*" itself (a plain 404).
        add("asterisk target", request("GET", "*", null), 404, 400);
        jdkAnswers.add("asterisk target");
        // ---- forged Host: 403; missing or malformed: 400
        for (String h : new String[] {"evil.example", "evil.example:8080", "127.0.0.1.nip.io", "localhost.evil.example",
                "10.0.0.1", "[2001:db8::1]", "2130706433", "0x7f.0.0.1", "LOCALHOST.EVIL", "xn--e1a", "localhost.."}) {
            add("Host " + h, request("GET", "/api/stats", null, "Host: " + h), 403);
        }
        for (String h : new String[] {"", "[::1", "a b", "x:y:z", "host:99999999", "127.0.0.1:abc", "@evil", "::1"}) {
            add("malformed Host '" + h + "'", request("GET", "/api/stats", null, "Host: " + h), 400);
        }
        add("no Host", "GET /api/stats HTTP/1.1\r\nConnection: close\r\n\r\n", 400);
        add("two Hosts", request("GET", "/api/stats", null, "Host: 127.0.0.1", "Host: evil.example"), 400);
        // ---- cross-site writes: 403
        for (String o : new String[] {"https://evil.example", "null", "file://", "http://localhost.evil.example",
                "http://127.0.0.1.nip.io:8080", "not a url", "http://evil.example/path"}) {
            add("Origin " + o, request("PATCH", "/api/config", "{}", "Origin: " + o), 403);
        }
        add("Sec-Fetch-Site cross-site", request("POST", "/api/telemetry", "{\"pressure\":1}",
                "Sec-Fetch-Site: cross-site"), 403);
        // ---- header floods: answered, or refused by the JDK's header limits (connection closed or 400)
        add("150 headers", request("GET", "/health", null, headers(150, 10)), 200);
        add("1000 headers", request("GET", "/health", null, headers(1000, 10)), CLOSED, 400, 431);
        add("one 100 KiB header", request("GET", "/health", null, "X-Big: " + "z".repeat(100 * 1024)), 200, CLOSED,
                400, 431);
        add("one 1 MiB header", request("GET", "/health", null, "X-Big: " + "z".repeat(1 << 20)), CLOSED, 400, 431);
        add("header without colon", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColonHere\r\nConnection: close"
                + "\r\n\r\n", 400, CLOSED, 200);
        add("header name with a space", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n"
                + "Connection: close\r\n\r\n", 400);
        // ---- garbage request lines
        add("garbage", "GARBAGE\r\n\r\n", 400, CLOSED);
        add("method only", "GET\r\n\r\n", 400, CLOSED);
        add("two words", "GET /health\r\n\r\n", 400, CLOSED);
        add("empty lines", "\r\n\r\n", 400, CLOSED);
        add("unfinished line", "GET /health HTTP/1.1", 400, CLOSED);
        addBytes("binary junk", new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, '\r', '\n', '\r', '\n'}, 400, CLOSED);
        addBytes("TLS hello on a plain port", new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00,
            (byte) 0xa1, 0x03, 0x03, '\r', '\n', '\r', '\n'}, 400, CLOSED);
        // ---- body framing games
        add("Content-Length not a number", "POST /api/telemetry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc"
                + "\r\nConnection: close\r\n\r\n{}", 400);
        add("negative Content-Length", "POST /api/telemetry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1"
                + "\r\nConnection: close\r\n\r\n{}", 400);
        add("two Content-Lengths", "POST /api/telemetry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\n{}", 400);
        add("Content-Length and chunked", "POST /api/telemetry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{}", 400);
        add("bad chunk size", "POST /api/telemetry HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400, CLOSED);
        add("short body", "POST /api/telemetry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n"
                + "Connection: close\r\n\r\n{\"pressure\"", 400, CLOSED);
        // RFC 9112 §6.1: a transfer coding the server does not know gets 501. The JDK's parser answers it before
        // the API is asked; it is the one 5xx this battery allows, and it is the status the HTTP spec prescribes.
        add("unknown transfer coding", "POST /api/telemetry HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip"
                + "\r\nConnection: close\r\n\r\n{}", 501);
        // ---- bodies that are not UTF-8
        addBytes("invalid UTF-8", concat("PATCH /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 6\r\n"
                + "Connection: close\r\n\r\n", new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}), 400);
        addBytes("UTF-16 body", concat("PATCH /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n"
                + "Connection: close\r\n\r\n", new byte[] {'{', 0, '}', 0}), 400);
        // ---- telemetry abuse: 422
        for (String b : new String[] {"{}", "{\"pressure\": 2}", "{\"pressure\": -0.5}", "{\"pressure\": \"high\"}",
                "{\"pressure\": NaN}", "{\"pressure\": Infinity}", "{\"pressure\": null}", "{\"pressure\": [0.5]}",
                "{\"pressure\": 0.5, \"ttl_ms\": -5}", "{\"pressure\": 0.5, \"ttl_ms\": 1e999999999}",
                "{\"pressure\": 0.5, \"ttl_ms\": \"5s\"}", "{\"pressure\": 0.5, \"source\": \"me\"}", "[]", "true"}) {
            add("telemetry " + b, request("POST", "/api/telemetry", b), 422);
        }
        // ---- stream abuse: 400
        for (String q : new String[] {"?backlog=-1", "?backlog=abc", "?backlog=1e3", "?backlog=99999999999",
                "?backlog=1&backlog=2"}) {
            add("stream " + q, request("GET", "/api/stream/decisions" + q, null), 400);
        }
        for (String id : new String[] {"abc", "-1", "1.5", "99999999999999999999999"}) {
            add("Last-Event-ID " + id, request("GET", "/api/stream/decisions", null, "Last-Event-ID: " + id), 400);
        }
        // ---- content negotiation: /metrics always answers, in a format every scraper reads
        for (String accept : new String[] {"application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited", "application/openmetrics-text; version=2.0.0", "*/*;q=abc", ";;;,,,",
                "text/html", "x".repeat(4000)}) {
            add("Accept " + accept.substring(0, Math.min(30, accept.length())), request("GET", "/metrics", null,
                    "Accept: " + accept), 200);
        }
        // ---- version abuse
        for (String m : new String[] {"\"abc\"", "\"1\", \"2\"", "W/\"x\"", "\"-3\"", "\"99999999999999999999\""}) {
            add("If-Match " + m, request("PATCH", "/api/config", "{}", "If-Match: " + m), 400);
        }
        add("stale If-Match", request("PATCH", "/api/config", "{}", "If-Match: \"0\""), 409);
        add("stale expected_version", request("PATCH", "/api/config?expected_version=0", "{}"), 409);
    }

    private static String[] headers(int n, int valueLength) {
        String[] h = new String[n];
        for (int i = 0; i < n; i++) {
            h[i] = "X-Flood-" + i + ": " + "v".repeat(valueLength);
        }
        return h;
    }

    private static byte[] concat(String head, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(body);
        return b.toByteArray();
    }

    @Test
    void hostileRequests_getRefusals_nothingIsApplied_andTheServerAndRouterCarryOn() throws Exception {
        buildBattery();
        assertTrue(attacks.size() >= 200, "the battery has " + attacks.size() + " requests");
        try (HttpFixture http = HttpFixture.start()) {
            AppliedConfig before = http.router.currentConfig();
            // Jobs keep flowing while the battery runs.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong submitted = new AtomicLong();
            Thread load = Thread.ofPlatform().name("test-load").start(() -> {
                JobGenerator gen = new JobGenerator(11);
                // Paced (about 5 000 jobs/s at most) so that two cores are loaded, not swamped.
                while (!stop.get() && submitted.get() < 5_000) {
                    for (int i = 0; i < 50; i++) {
                        http.router.submit(gen.next());
                        submitted.incrementAndGet();
                    }
                    LockSupport.parkNanos(10_000_000L);
                }
            });
            List<String> failures = new ArrayList<>();
            int fromTheApi = 0;

            for (Attack a : attacks) {
                HttpFixture.Raw r = http.raw(a.request());
                if (!a.expected().contains(r.status())) {
                    failures.add(a.name() + ": expected " + a.expected() + ", got " + r.status() + " "
                            + r.body().substring(0, Math.min(200, r.body().length())));
                    continue;
                }
                if (r.status() >= 500 && r.status() != 501) {
                    failures.add(a.name() + ": a 5xx for bad input: " + r.status());
                }
                if (r.isJson()) {
                    fromTheApi++;
                    if (r.status() >= 400 && !r.body().startsWith("{\"error\":\"")) {
                        failures.add(a.name() + ": an error body without 'error': " + r.body());
                    }
                } else if (r.status() >= 400 && r.status() != 501 && r.status() != 400
                        && !jdkAnswers.contains(a.name())) {
                    failures.add(a.name() + ": a non-JSON refusal " + r.status() + ": " + r.body());
                }
            }
            stop.set(true);
            load.join(30_000);

            if (!failures.isEmpty()) {
                fail(failures.size() + " of " + attacks.size() + " hostile requests were mishandled:\n  "
                        + String.join("\n  ", failures));
            }
            assertTrue(fromTheApi >= 180, "most refusals come from the API itself, as JSON: " + fromTheApi);
            // Nothing was applied, the server still answers, and the router's books balance.
            assertEquals(before, http.router.currentConfig());
            assertEquals(0.0, http.router.pressure().external());
            assertEquals(200, http.get("/health").statusCode());
            assertEquals(200, http.get("/api/stats").statusCode());
            RouterSnapshot s = http.idleSnapshot();

            HttpFixture.assertBalanced(s);
            assertEquals(submitted.get(), s.submitted());
            assertTrue(s.submitted() > 0);
        }
    }
}
