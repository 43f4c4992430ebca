package dev.helixrouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.SnapshotJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler behind every path: checks, routing, and the mapping of every refusal to a JSON
 * error. The order of checks is fixed and documented in docs/HTTP.md: Host (400/403), path (404),
 * method (405), then for writes Origin (403) and token (401), then body size (413), syntax (400),
 * content (422) and version (409). Bad input never yields a 5xx; a 500 means a bug, and is logged.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Extension of the learned policy's state in the snapshot (the adaptive layer publishes it). */
    static final String LEARNED_POLICY_EXTENSION = "learned_policy";

    private final HelixRouter router;
    private final RequestGuard guard;
    private final ConfigApi config;
    private final TelemetryApi telemetry;
    private final MetricsEndpoint metrics;
    private final DecisionStream stream;
    private final Dashboard dashboard;
    private final int maxBodyBytes;
    private final long startNanos = System.nanoTime();

    ApiHandler(HelixRouter router, RequestGuard guard, MetricsEndpoint metrics, DecisionStream stream,
               Dashboard dashboard, int maxBodyBytes) {
        this.router = router;
        this.guard = guard;
        this.config = new ConfigApi(router.config());
        this.telemetry = new TelemetryApi(router);
        this.metrics = metrics;
        this.stream = stream;
        this.dashboard = dashboard;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange ex) {
        Endpoint endpoint = null;
        int status = 0;
        boolean handedOff = false;
        try {
            try {
                guard.checkHost(ex);
                endpoint = Endpoint.byPath(ex.getRequestURI().getRawPath());
                if (endpoint == null) {
                    throw ApiError.of(404, "not_found", "no such resource: " + clip(ex.getRequestURI().getRawPath())
                            + " (see GET / for the dashboard and docs/HTTP.md for the API)");
                }
                String method = ex.getRequestMethod();
                if (method.equals("OPTIONS")) {
                    ex.getResponseHeaders().set("Allow", endpoint.allow());
                    Exchanges.send(ex, 204, "text/plain", new byte[0]);
                    status = 204;
                    return;
                }
                if (!endpoint.allows(method)) {
                    throw ApiError.methodNotAllowed(clip(method), endpoint.path(), endpoint.allow());
                }
                if (endpoint.mutates(method)) {
                    guard.checkOrigin(ex);
                    guard.checkToken(ex);
                }
                status = serve(endpoint, method, ex);
                handedOff = endpoint == Endpoint.DECISIONS;
            } catch (ApiError e) {
                status = e.status();
                sendError(ex, e);
            }
        } catch (IOException e) {
            // The client went away mid-answer; nothing to tell it.
            LOG.debug("{} {}: {}", ex.getRequestMethod(), clip(String.valueOf(ex.getRequestURI())), e.toString());
            if (status == 0) {
                status = 499;
            }
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("{} {} failed", ex.getRequestMethod(), clip(String.valueOf(ex.getRequestURI())), e);
            status = 500;
            try {
                sendError(ex, ApiError.of(500, "internal_error", "the server failed to answer; this is a bug, and it "
                        + "was logged"));
            } catch (IOException | RuntimeException ignored) {
                // headers may be sent already; the connection closes below
            }
        } finally {
            metrics.countRequest(endpoint == null ? "unknown" : endpoint.label(), status);
            if (!handedOff) {
                ex.close();
            }
        }
    }

    private int serve(Endpoint endpoint, String method, HttpExchange ex) throws IOException {
        switch (endpoint) {
            case DASHBOARD -> {
                dashboard.send(ex);
                return 200;
            }
            case HEALTH -> {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                boolean up = !router.isClosed();
                o.put("status", up ? "ok" : "closed");
                o.put("uptime_secs", (System.nanoTime() - startNanos) / 1_000_000_000L);
                Exchanges.sendJson(ex, up ? 200 : 503, o);
                return up ? 200 : 503;
            }
            case METRICS -> {
                MetricsEndpoint.Exposition e = metrics.scrape(Exchanges.singleHeader(ex, "Accept"));
                Exchanges.send(ex, 200, e.contentType(), e.body());
                return 200;
            }
            case STATS -> {
                Exchanges.send(ex, 200, Exchanges.JSON, SnapshotJson.toJson(router.snapshot())
                        .getBytes(StandardCharsets.UTF_8));
                return 200;
            }
            case CONFIG -> {
                ObjectNode answer = switch (method) {
                    case "POST" -> config.replace(readJson(ex), expectedVersion(ex));
                    case "PATCH" -> config.patch(readJson(ex), expectedVersion(ex));
                    default -> config.current();
                };
                ex.getResponseHeaders().set("ETag", "\"" + answer.get("version").asLong() + "\"");
                Exchanges.sendJson(ex, 200, answer);
                return 200;
            }
            case TELEMETRY -> {
                Exchanges.sendJson(ex, 200, telemetry.report(readJson(ex)));
                return 200;
            }
            case NEURAL -> {
                Exchanges.sendJson(ex, 200, neural(router.snapshot()));
                return 200;
            }
            case DECISIONS -> {
                Map<String, String> q = Exchanges.query(ex);
                int backlog = q.containsKey("backlog") ? backlog(q.get("backlog")) : 0;
                stream.open(ex, lastEventId(ex), backlog);
                return 200;
            }
        }
        throw new IllegalStateException("unrouted endpoint " + endpoint);
    }

    private JsonNode readJson(HttpExchange ex) throws IOException {
        return JsonBodies.parse(Exchanges.readBody(ex, maxBodyBytes));
    }

    /** The version a writer expects, from If-Match or ?expected_version (which must agree). */
    private static OptionalLong expectedVersion(HttpExchange ex) {
        String ifMatch = Exchanges.singleHeader(ex, "If-Match");
        String query = Exchanges.query(ex).get(ConfigApi.EXPECTED_VERSION);
        OptionalLong fromHeader = ifMatch == null || ifMatch.trim().equals("*") ? OptionalLong.empty()
                : OptionalLong.of(ConfigApi.parseVersion(ifMatch, "If-Match"));
        OptionalLong fromQuery = query == null ? OptionalLong.empty()
                : OptionalLong.of(ConfigApi.parseVersion(query, "expected_version"));
        if (fromHeader.isPresent() && fromQuery.isPresent() && fromHeader.getAsLong() != fromQuery.getAsLong()) {
            throw ApiError.badRequest("bad_expected_version", "If-Match and ?expected_version name different versions");
        }
        return fromHeader.isPresent() ? fromHeader : fromQuery;
    }

    /**
     * {@code /api/neural}: the learned policy's state as the adaptive layer publishes it in the
     * snapshot's {@value #LEARNED_POLICY_EXTENSION} extension; {@code available: false} until
     * one is installed.
     */
    private ObjectNode neural(RouterSnapshot s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        String configured = router.currentConfig().config().routingPolicy().wireName();
        Object state = s.extensions().get(LEARNED_POLICY_EXTENSION);
        if (state == null) {
            o.put("available", false);
            o.put("routing_policy", "heuristic");
            o.put("configured_policy", configured);
            return o;
        }
        o.put("available", true);
        o.put("routing_policy", configured);
        o.put("configured_policy", configured);
        o.set("state", MAPPER.valueToTree(state));
        return o;
    }

    private int backlog(String text) {
        int max = router.decisions().capacity();
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.badRequest("bad_query", "backlog must be a whole number within 0.." + max + ", was '"
                + clip(text) + "'");
    }

    private static Long lastEventId(HttpExchange ex) {
        String id = Exchanges.singleHeader(ex, "Last-Event-ID");
        if (id == null || id.isBlank()) {
            return null;
        }
        String t = id.trim();
        if (!t.matches("\\d{1,18}")) {
            throw ApiError.badRequest("bad_last_event_id", "Last-Event-ID must be a decision sequence number, was '"
                    + clip(id) + "'");
        }
        return Long.parseLong(t);
    }

    private static void sendError(HttpExchange ex, ApiError e) throws IOException {
        e.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        Exchanges.sendJson(ex, e.status(), e.body());
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
