package dev.helixrouter.http;

import static dev.helixrouter.http.HttpFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint's answer to a well-formed request, over a real loopback socket. */
class EndpointsTest {
    private static HttpFixture http;

    @BeforeAll
    static void start() {
        http = HttpFixture.start();
        http.runJobs(300, 7);
        http.idleSnapshot();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void health_saysOk_withUptime() {
        HttpResponse<String> r = http.get("/health");
        assertEquals(200, r.statusCode());
        JsonNode body = json(r);
        assertEquals("ok", body.get("status").asText());
        assertTrue(body.get("uptime_secs").isIntegralNumber(), r.body());
        assertTrue(body.get("uptime_secs").asLong() >= 0);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void stats_isTheLatestSnapshotAsJson() {
        RouterSnapshot s = http.router.snapshot();
        JsonNode body = json(http.get("/api/stats"));
        assertTrue(body.get("submitted").asLong() >= 300, body.toString());
        assertEquals(body.get("submitted").asLong(), body.get("completed").asLong() + body.get("dropped").asLong()
                + body.get("failed").asLong());
        assertTrue(body.get("sequence").asLong() >= s.sequence());
        for (String key : new String[] {"in_flight", "dropped_by_reason", "strategies", "kinds", "cpu_lane",
                "pressure", "config_version", "goodput_per_sec", "decisions_published"}) {
            assertTrue(body.has(key), "missing " + key + ": " + body);
        }
        assertTrue(body.get("strategies").has("cpu_pool"));
        assertTrue(body.get("kinds").has("PrimeCount"));
    }

    @Test
    void dashboard_isOneSelfContainedPage_withItsNumbersAndAStrictPolicy() {
        HttpResponse<String> r = http.get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().map()
                .toString());
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'sha256-"), csp);
        assertTrue(csp.contains("connect-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        String page = r.body();
        assertTrue(page.contains("<title>HelixRouter"), "title");
        assertFalse(page.matches("(?s).*<script[^>]+src=.*"), "no external script");
        assertFalse(page.contains("{{INITIAL}}"), "the initial numbers are filled in");
        assertTrue(page.contains("\"submitted\":"), "the page arrives with the snapshot");
        assertTrue(page.contains("/api/stats") && page.contains("/api/stream/decisions"));
    }

    @Test
    void head_answersTheHeadersOnly() {
        HttpResponse<String> r = http.send("HEAD", "/health", null);
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void options_listsTheMethods() {
        HttpResponse<String> r = http.send("OPTIONS", "/api/config", null);
        assertEquals(204, r.statusCode());
        assertEquals("GET, HEAD, POST, PATCH, OPTIONS", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void config_get_returnsTheVersionAndTheDocument_withAnETag() {
        HttpResponse<String> r = http.get("/api/config");
        assertEquals(200, r.statusCode());
        JsonNode body = json(r);
        long v = body.get("version").asLong();
        assertEquals("\"" + v + "\"", r.headers().firstValue("ETag").orElse(""));
        assertEquals(http.router.currentConfig().version(), v);
        JsonNode config = body.get("config");
        assertEquals(http.router.currentConfig().config().inlineThreshold(), config.get("inline_threshold").asLong());
        assertEquals("deadline", config.get("backpressure_gate").asText());
    }

    @Test
    void config_patch_mergesOnlyTheNamedKeys_andSpendsAVersion() {
        long before = http.router.currentConfig().version();
        RouterConfig old = http.router.currentConfig().config();
        HttpResponse<String> r = http.send("PATCH", "/api/config", "{\"batch_max_size\": 12}",
                "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(before + 1, body.get("version").asLong());
        assertTrue(body.get("changed").asBoolean());
        assertEquals(12, http.router.currentConfig().config().batchMaxSize());
        assertEquals(old.inlineThreshold(), http.router.currentConfig().config().inlineThreshold());
        assertEquals("\"" + (before + 1) + "\"", r.headers().firstValue("ETag").orElse(""));
        // The same patch again changes nothing and spends no version.
        JsonNode again = json(http.send("PATCH", "/api/config", "{\"batch_max_size\": 12}"));
        assertEquals(before + 1, again.get("version").asLong());
        assertFalse(again.get("changed").asBoolean());
    }

    @Test
    void config_patch_withTheExpectedVersion_inEachOfItsThreeForms() {
        long v = http.router.currentConfig().version();
        assertEquals(200, http.send("PATCH", "/api/config", "{\"batch_max_delay_ms\": 11}",
                "If-Match", "\"" + v + "\"").statusCode());
        assertEquals(200, http.send("PATCH", "/api/config?expected_version=" + (v + 1),
                "{\"batch_max_delay_ms\": 12}").statusCode());
        HttpResponse<String> r = http.send("PATCH", "/api/config",
                "{\"expected_version\": " + (v + 2) + ", \"batch_max_delay_ms\": 13}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(v + 3, json(r).get("version").asLong());
        assertEquals(13, http.router.currentConfig().config().batchMaxDelayMs());
        assertEquals(200, http.send("PATCH", "/api/config", "{\"batch_max_delay_ms\": 10}", "If-Match", "*")
                .statusCode());
    }

    @Test
    void config_post_replacesTheWholeConfig_missingKeysTakeTheirDefaults() {
        http.send("PATCH", "/api/config", "{\"spawn_max_in_flight\": 77}");
        HttpResponse<String> r = http.send("POST", "/api/config",
                "{\"backpressure_gate\": \"busy\", \"cpu_parallelism\": 2, \"metrics_interval_ms\": 100}",
                "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        RouterConfig now = http.router.currentConfig().config();
        assertEquals(GateMode.BUSY, now.backpressureGate());
        assertEquals(RouterConfig.defaults().spawnMaxInFlight(), now.spawnMaxInFlight(), "reset to its default");
        assertEquals(json(r).get("version").asLong(), http.router.currentConfig().version());
        // back to the fixture's config for the other tests
        http.send("POST", "/api/config", "{\"cpu_parallelism\": 2, \"metrics_interval_ms\": 100}");
    }

    @Test
    void telemetry_setsExternalPressure_untilItsTtl() {
        HttpResponse<String> r = http.send("POST", "/api/telemetry", "{\"pressure\": 0.42, \"ttl_ms\": 60000}",
                "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertTrue(body.get("accepted").asBoolean());
        assertEquals(0.42, body.get("router_pressure").get("external").asDouble(), 1e-9);
        assertEquals(0.42, http.router.pressure().external(), 1e-9);
        // the default TTL applies when none is named
        assertEquals(TelemetryApi.DEFAULT_TTL_MS, json(http.send("POST", "/api/telemetry", "{\"pressure\": 0}"))
                .get("ttl_ms").asLong());
        assertEquals(0.0, http.router.pressure().external(), 1e-9);
    }

    @Test
    void neural_saysUnavailable_withoutALearnedPolicy() {
        JsonNode body = json(http.get("/api/neural"));
        assertFalse(body.get("available").asBoolean());
        assertEquals("heuristic", body.get("routing_policy").asText());
    }

    @Test
    void neural_showsTheLearnedPolicysState_fromTheSnapshotExtension() {
        try (HttpFixture withPolicy = HttpFixture.start(
                r -> r.extension("learned_policy", () -> Map.of("epsilon", 0.05, "samples", 1234)), s -> { })) {
            withPolicy.router.sampleNow();
            JsonNode body = json(withPolicy.get("/api/neural"));
            assertTrue(body.get("available").asBoolean(), body.toString());
            assertEquals(0.05, body.get("state").get("epsilon").asDouble(), 1e-12);
            assertEquals(1234, body.get("state").get("samples").asLong());
        }
    }

    @Test
    void metrics_isPrometheusText_withTheRouterCounters() {
        RouterSnapshot s = http.router.sampleNow();
        HttpResponse<String> r = http.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().map().toString());
        String text = r.body();
        assertTrue(text.contains("# TYPE helix_jobs_submitted_total counter"), text);
        assertTrue(text.contains("\nhelix_jobs_submitted_total " + (double) s.submitted() + "\n")
                || text.contains("\nhelix_jobs_submitted_total " + s.submitted() + "\n"), text);
        assertTrue(text.contains("helix_jobs_dropped_total{reason=\"queue_full\"}"), text);
        assertTrue(text.contains("# TYPE helix_job_latency_seconds histogram"), text);
        assertTrue(text.contains("helix_job_latency_seconds_bucket{strategy=\"cpu_pool\",le=\"+Inf\"}"), text);
        assertTrue(text.contains("helix_kind_jobs_submitted_total{kind=\"PrimeCount\"}"), text);
    }

    @Test
    void metrics_speaksOpenMetrics_whenAsked() {
        HttpResponse<String> r = http.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(r.body().endsWith("# EOF\n"), r.body());
    }

    @Test
    void metrics_answersAProtobufScraperWithText() {
        HttpResponse<String> r = http.get("/metrics", "Accept",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,"
                        + "text/plain;version=0.0.4;q=0.3");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().map()
                .toString());
    }

    @Test
    void theServer_runsOnNamedPlatformThreads() {
        http.get("/health");
        TestSupport.awaitTrue("server threads seen", () -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("helix-http-test-")));
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("helix-http-test")) {
                assertFalse(t.isVirtual(), t.getName());
                assertTrue(t.isDaemon(), t.getName());
            }
        }
    }
}
