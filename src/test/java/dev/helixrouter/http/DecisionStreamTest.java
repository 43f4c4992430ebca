package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /api/stream/decisions}: events, heartbeats, resuming, the cap, and slow clients. */
class DecisionStreamTest {

    /** A cheap job that runs inline, so each submit publishes one decision and ends at once. */
    private static void submitInline(HttpFixture http, int n, long firstId) {
        for (int i = 0; i < n; i++) {
            http.router.submit(new Job(firstId + i, JobKind.HASH_MIX, new long[] {i}, 500, 0.1, 50));
        }
    }

    @Test
    void eachDecision_isAnEvent_withItsSequenceAsId_andItsExplanation() throws Exception {
        try (HttpFixture http = HttpFixture.start();
             SseClient sse = SseClient.open(http, "/api/stream/decisions")) {
            assertTrue(sse.headers.get("content-type").startsWith("text/event-stream"), sse.headers.toString());
            sse.awaitComment("connected");
            long first = http.router.decisions().published();
            submitInline(http, 3, 1);
            for (int i = 0; i < 3; i++) {
                SseClient.Message m = sse.next();
                assertEquals("decision", m.event());
                assertEquals(String.valueOf(first + i), m.id());
                JsonNode d = HttpFixture.JSON.readTree(m.data());
                assertEquals(first + i, d.get("sequence").asLong());
                assertEquals(1 + i, d.get("job_id").asLong());
                assertEquals("HashMix", d.get("kind").asText());
                assertEquals("inline", d.get("strategy").asText());
                assertEquals("inline_cheap", d.get("rule").asText());
                assertEquals("heuristic", d.get("decided_by").asText());
                assertTrue(d.get("explain").asText().contains("-> inline"), d.toString());
                assertTrue(d.has("cpu_busy") && d.has("pressure") && d.has("spawn_threshold"), d.toString());
            }
        }
    }

    @Test
    void anIdleStream_sendsHeartbeats() throws Exception {
        try (HttpFixture http = HttpFixture.start(r -> { }, s -> s.heartbeat(Duration.ofMillis(100)));
             SseClient sse = SseClient.open(http, "/api/stream/decisions")) {
            sse.awaitComment("heartbeat");
            sse.awaitComment("heartbeat");
        }
    }

    @Test
    void lastEventId_resumesRightAfterIt_whileTheRingHoldsIt() throws Exception {
        try (HttpFixture http = HttpFixture.start()) {
            submitInline(http, 10, 1); // decisions 0..9
            try (SseClient sse = SseClient.open(http, "/api/stream/decisions", "Last-Event-ID: 6")) {
                sse.awaitComment("resuming after event 6");
                assertEquals("7", sse.next().id());
                assertEquals("8", sse.next().id());
                assertEquals("9", sse.next().id());
                submitInline(http, 1, 100);
                assertEquals("10", sse.next().id());
            }
        }
    }

    @Test
    void lastEventId_olderThanTheRing_reportsTheLostEvents_andCountsThem() throws Exception {
        try (HttpFixture http = HttpFixture.start(r -> r.decisionRingCapacity(16), s -> { })) {
            submitInline(http, 100, 1); // decisions 0..99; the ring holds 84..99
            try (SseClient sse = SseClient.open(http, "/api/stream/decisions", "Last-Event-ID: 5")) {
                SseClient.Message m = sse.next();
                assertEquals("84", m.id(), "the oldest event still held");
                assertTrue(m.comments().stream().anyMatch(c -> c.startsWith("lost 78 decision events")),
                        m.comments().toString());
            }
            String metrics = http.get("/metrics").body();
            assertTrue(metrics.contains("helix_http_sse_lost_events_total 78.0"), metrics);
        }
    }

    @Test
    void backlog_startsWithTheMostRecentDecisions() throws Exception {
        try (HttpFixture http = HttpFixture.start()) {
            submitInline(http, 20, 1);
            try (SseClient sse = SseClient.open(http, "/api/stream/decisions?backlog=3")) {
                assertEquals("17", sse.next().id());
                assertEquals("18", sse.next().id());
                assertEquals("19", sse.next().id());
            }
        }
    }

    @Test
    void aClosedClient_freesItsSlot() throws Exception {
        try (HttpFixture http = HttpFixture.start(r -> { }, s -> s.maxStreams(1).heartbeat(Duration.ofMillis(50)))) {
            try (SseClient sse = SseClient.open(http, "/api/stream/decisions")) {
                sse.awaitComment("connected");
                assertEquals(1, http.server.streamClients());
            }
            TestSupport.awaitTrue("slot freed", () -> http.server.streamClients() == 0);
            try (SseClient again = SseClient.open(http, "/api/stream/decisions")) {
                again.awaitComment("connected");
            }
        }
    }

    @Test
    void aClientThatStopsReading_neverSlowsTheRouter_andIsDisconnected() throws Exception {
        try (HttpFixture http = HttpFixture.start(r -> { }, s -> s.streamWriteTimeout(Duration.ofMillis(200)));
             SseClient stalled = SseClient.open(http, "/api/stream/decisions", false)) {
            // Decisions until every socket buffer between the server and the stalled client is full, a write
            // blocks, and the watchdog closes that stream; the router never waits for it meanwhile.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int submitted = 0;
            long slowestBatchNanos = 0;
            while (http.server.streamClients() > 0) {
                assertTrue(System.nanoTime() < deadline, "the stalled stream was never closed");
                long t0 = System.nanoTime();
                submitInline(http, 2_000, submitted + 1);
                slowestBatchNanos = Math.max(slowestBatchNanos, System.nanoTime() - t0);
                submitted += 2_000;
            }
            assertTrue(slowestBatchNanos < Duration.ofSeconds(5).toNanos(),
                    "2 000 inline submits took " + slowestBatchNanos / 1_000_000 + " ms at worst");
            stalled.drainUntilClosed();
            RouterSnapshot s = http.idleSnapshot();
            HttpFixture.assertBalanced(s);
            assertEquals(submitted, s.submitted());
            assertEquals(200, http.get("/health").statusCode());
        }
    }
}
