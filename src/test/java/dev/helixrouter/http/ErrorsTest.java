package dev.helixrouter.http;

import static dev.helixrouter.http.HttpFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.AppliedConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every refusal, with its status, its JSON body, and nothing applied. */
class ErrorsTest {
    private static HttpFixture http;

    @BeforeAll
    static void start() {
        http = HttpFixture.start();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    // ---------------------------------------------------------------- 400

    @Test
    void malformedJson_is400_andNothingChanges() {
        AppliedConfig before = http.router.currentConfig();
        JsonNode body = assertError(http.send("PATCH", "/api/config", "{\"inline_threshold\": "), 400,
                "malformed_json");
        assertTrue(body.get("message").asText().contains("line 1"), body.toString());
        assertError(http.send("POST", "/api/config", "{'inline_threshold': 1}"), 400, "malformed_json");
        assertError(http.send("POST", "/api/telemetry", "{\"pressure\": 0.5} trailing"), 400, "malformed_json");
        assertError(http.send("PATCH", "/api/config", ""), 400, "malformed_json");
        assertError(http.send("PATCH", "/api/config", "{\"batch_max_size\": 1, \"batch_max_size\": 2}"), 400,
                "malformed_json");
        assertError(http.send("PATCH", "/api/config", "[".repeat(40) + "]".repeat(40)), 400, "malformed_json");
        assertEquals(before, http.router.currentConfig());
    }

    @Test
    void aBodyThatIsNotUtf8_is400() {
        HttpFixture.Raw r = http.raw(concat("PATCH /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n"
                + "Connection: close\r\n\r\n", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.isJson() && r.body().contains("\"malformed_body\""), r.body());
    }

    @Test
    void badVersionsAndQueries_are400() {
        assertError(http.send("PATCH", "/api/config", "{}", "If-Match", "\"three\""), 400, "bad_expected_version");
        assertError(http.send("PATCH", "/api/config?expected_version=-1", "{}"), 400, "bad_expected_version");
        assertError(http.send("PATCH", "/api/config?expected_version=1", "{}", "If-Match", "\"2\""), 400,
                "bad_expected_version");
        assertError(http.send("PATCH", "/api/config?expected_version=1&expected_version=1", "{}"), 400, "bad_query");
        // A request target that is not a URI is refused by the JDK's parser before the API sees it: still a 400.
        assertEquals(400, http.rawGet("/api/config?expected_version=%zz", "Host: 127.0.0.1").status());
        assertError(http.get("/api/stream/decisions", "Last-Event-ID", "yesterday"), 400, "bad_last_event_id");
        assertError(http.get("/api/stream/decisions?backlog=-1"), 400, "bad_query");
        assertError(http.get("/api/stream/decisions?backlog=999999999"), 400, "bad_query");
    }

    @Test
    void aMissingOrDoubleHost_is400() {
        HttpFixture.Raw none = http.raw("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertEquals(400, none.status(), none.body());
        assertTrue(none.isJson() && none.body().contains("\"missing_host\""), none.body());
        HttpFixture.Raw two = http.rawGet("/health", "Host: 127.0.0.1", "Host: localhost");
        assertEquals(400, two.status(), two.body());
        assertTrue(two.isJson(), two.body());
    }

    // ---------------------------------------------------------------- 403

    @Test
    void aForgedHost_is403_evenForReads() {
        for (String host : new String[] {"evil.example", "evil.example:" + http.port(), "127.0.0.1.evil.example",
                "localhost.evil.example", "10.1.2.3"}) {
            HttpFixture.Raw r = http.rawGet("/api/stats", "Host: " + host);
            assertEquals(403, r.status(), host + ": " + r.body());
            assertTrue(r.isJson() && r.body().contains("\"forbidden_host\""), r.body());
        }
        for (String host : new String[] {"127.0.0.1", "127.0.0.1:" + http.port(), "localhost", "LOCALHOST:1",
                "[::1]:" + http.port(), "localhost."}) {
            assertEquals(200, http.rawGet("/health", "Host: " + host).status(), host);
        }
    }

    @Test
    void aCrossSiteWrite_is403_andNothingChanges() {
        AppliedConfig before = http.router.currentConfig();
        assertError(http.send("PATCH", "/api/config", "{\"batch_max_size\": 3}", "Origin", "https://evil.example"),
                403, "forbidden_origin");
        assertError(http.send("PATCH", "/api/config", "{\"batch_max_size\": 3}", "Origin", "null"), 403,
                "forbidden_origin");
        assertError(http.send("POST", "/api/telemetry", "{\"pressure\": 1}", "Sec-Fetch-Site", "cross-site"), 403,
                "forbidden_origin");
        assertEquals(before, http.router.currentConfig());
        assertEquals(0.0, http.router.pressure().external());
        // a page served by this server may write
        assertEquals(200, http.send("PATCH", "/api/config", "{}", "Origin", "http://127.0.0.1:" + http.port(),
                "Sec-Fetch-Site", "same-origin").statusCode());
        // and reads are not subject to the Origin check
        assertEquals(200, http.get("/api/stats", "Origin", "https://evil.example").statusCode());
    }

    // ---------------------------------------------------------------- 404, 405

    @Test
    void anUnknownPath_is404() {
        for (String path : new String[] {"/nope", "/api", "/api/", "/api/stats/", "/API/STATS", "/favicon.ico",
                "/api/config/extra"}) {
            assertError(http.get(path), 404, "not_found");
        }
    }

    @Test
    void aWrongMethod_is405_withAllow() {
        HttpResponse<String> r = http.send("DELETE", "/api/config", null);
        assertError(r, 405, "method_not_allowed");
        assertEquals("GET, HEAD, POST, PATCH, OPTIONS", r.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> t = http.get("/api/telemetry");
        assertError(t, 405, "method_not_allowed");
        assertEquals("POST, OPTIONS", t.headers().firstValue("Allow").orElse(""));
        assertError(http.send("POST", "/metrics", "x"), 405, "method_not_allowed");
        assertError(http.send("PUT", "/health", "{}"), 405, "method_not_allowed");
    }

    // ---------------------------------------------------------------- 409, 413, 422

    @Test
    void aStaleVersion_is409_andNothingChanges() {
        long v = http.router.currentConfig().version();
        http.send("PATCH", "/api/config", "{\"batch_max_size\": " + (20 + v % 5) + "}");
        AppliedConfig before = http.router.currentConfig();
        JsonNode body = assertError(http.send("PATCH", "/api/config", "{\"batch_max_size\": 9}", "If-Match",
                "\"" + v + "\""), 409, "version_conflict");
        assertEquals(v, body.get("expected_version").asLong());
        assertEquals(before.version(), body.get("current_version").asLong());
        assertError(http.send("POST", "/api/config", "{\"expected_version\": " + v + "}"), 409, "version_conflict");
        assertEquals(before, http.router.currentConfig());
    }

    @Test
    void anOversizedBody_is413() {
        String big = "{\"x\": \"" + "a".repeat(70 * 1024) + "\"}";
        assertError(http.send("PATCH", "/api/config", big), 413, "body_too_large");
        // A declared length beyond the limit is refused before a byte of the body is read.
        HttpFixture.Raw r = http.raw("PATCH /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000000"
                + "\r\n\r\n{}");
        assertEquals(413, r.status(), r.body());
        assertTrue(r.isJson(), r.body());
        // So is a chunked body that grows past it.
        StringBuilder chunked = new StringBuilder("POST /api/telemetry HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 20; i++) {
            chunked.append("1000\r\n").append("a".repeat(4096)).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        assertEquals(413, http.raw(chunked.toString()).status());
    }

    @Test
    void anInvalidConfig_is422_listingEveryViolationByKey_andNothingIsApplied() {
        AppliedConfig before = http.router.currentConfig();
        HttpResponse<String> r = http.send("PATCH", "/api/config",
                "{\"inline_threshold\": 90000000, \"batch_max_size\": -1, \"ema_alpha\": NaN, \"bogus_key\": 1,"
                        + " \"routing_policy\": \"magic\"}");
        JsonNode body = assertError(r, 422, "invalid_config");
        Set<String> keys = new HashSet<>();
        body.get("violations").forEach(v -> {
            keys.add(v.get("key").asText());
            assertTrue(v.get("message").asText().length() > 5, v.toString());
        });
        assertEquals(Set.of("inline_threshold", "batch_max_size", "ema_alpha", "bogus_key", "routing_policy"), keys,
                body.toString());
        assertEquals(before, http.router.currentConfig());
        // a whole document too
        JsonNode replace = assertError(http.send("POST", "/api/config", "{\"cpu_queue_cap\": 0, \"spawn_threshold\": "
                + "1e400}"), 422, "invalid_config");
        assertTrue(replace.get("violations").size() >= 2, replace.toString());
        // the wrong shape of document
        assertError(http.send("PATCH", "/api/config", "[1, 2]"), 422, "invalid_config");
        assertError(http.send("PATCH", "/api/config", "{\"expected_version\": 1.5}"), 422, "invalid_config");
        assertEquals(before, http.router.currentConfig());
    }

    @Test
    void anInvalidTelemetryReport_is422_andChangesNothing() {
        for (String body : new String[] {"{}", "{\"pressure\": 1.5}", "{\"pressure\": -0.1}", "{\"pressure\": \"0.5\"}",
                "{\"pressure\": NaN}", "{\"pressure\": 0.5, \"ttl_ms\": 0}", "{\"pressure\": 0.5, \"ttl_ms\": 1.5}",
                "{\"pressure\": 0.5, \"ttl_ms\": 1e30}", "{\"pressure\": 0.5, \"extra\": true}", "[0.5]", "0.5"}) {
            assertError(http.send("POST", "/api/telemetry", body), 422, "invalid_telemetry");
        }
        assertEquals(0.0, http.router.pressure().external());
    }

    // ---------------------------------------------------------------- 401, 503, start refusal

    @Test
    void withAToken_writesNeedIt_401Otherwise_andReadsDoNot() {
        try (HttpFixture secured = HttpFixture.start(r -> { }, s -> s.apiToken("s3cret-token"))) {
            HttpResponse<String> none = secured.send("PATCH", "/api/config", "{}");
            assertError(none, 401, "unauthorized");
            assertEquals("Bearer realm=\"helixrouter\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertError(secured.send("PATCH", "/api/config", "{}", "Authorization", "Bearer wrong"), 401,
                    "unauthorized");
            assertError(secured.send("POST", "/api/telemetry", "{\"pressure\":1}", "Authorization", "Basic Zm9vOmJhcg=="),
                    401, "unauthorized");
            assertEquals(200, secured.send("PATCH", "/api/config", "{}", "Authorization", "Bearer s3cret-token")
                    .statusCode());
            assertEquals(200, secured.get("/api/config").statusCode());
            assertEquals(200, secured.get("/metrics").statusCode());
        }
    }

    @Test
    void beyondLoopback_theServerRefusesToStartWithoutAToken_andWithOneItGuardsWrites() throws IOException {
        try (HelixRouter router = HelixRouter.builder().threadPrefix("helix-test-open").build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> HelixHttpServer.builder(router)
                    .bind(BindAddress.parse("0.0.0.0:0")).start());
            assertTrue(e.getMessage().contains("HELIX_API_TOKEN"), e.getMessage());
            try (HelixHttpServer open = HelixHttpServer.builder(router).bind(BindAddress.parse("0.0.0.0:0"))
                    .apiToken("t0ken").threadPrefix("helix-http-open").start()) {
                HttpFixture.Raw anon = rawTo(open, "PATCH /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2"
                        + "\r\nConnection: close\r\n\r\n{}");
                assertEquals(401, anon.status(), anon.body());
                HttpFixture.Raw byIp = rawTo(open, "GET /health HTTP/1.1\r\nHost: 192.0.2.7:8080\r\n"
                        + "Connection: close\r\n\r\n");
                assertEquals(200, byIp.status(), "any IP literal names a wildcard-bound server");
            }
        }
    }

    @Test
    void beyondTheStreamCap_is503_withRetryAfter() throws Exception {
        try (HttpFixture capped = HttpFixture.start(r -> { }, s -> s.maxStreams(1));
             SseClient first = SseClient.open(capped, "/api/stream/decisions")) {
            first.awaitComment("connected");
            HttpResponse<String> second = capped.get("/api/stream/decisions");
            assertError(second, 503, "too_many_streams");
            assertEquals("5", second.headers().firstValue("Retry-After").orElse(""));
        }
    }

    private static HttpFixture.Raw rawTo(HelixHttpServer server, String request) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return HttpFixture.readResponse(s.getInputStream());
        }
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] h = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}
