package dev.helixrouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.ConfigViolation;
import dev.helixrouter.engine.metrics.PressureReading;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/telemetry}: an upstream system reports its pressure,
 * {@code {"pressure": 0.8, "ttl_ms": 5000}}, and the router treats it as external pressure until
 * the TTL runs out (effective pressure = max(internal, external); at or above
 * {@code pressure_shed_threshold} jobs bound for the CPU lane or a batch are shed).
 */
final class TelemetryApi {
    /** TTL when the report names none. */
    static final long DEFAULT_TTL_MS = 10_000;
    /** Longest TTL accepted: an hour. A stuck upstream must not pin the router's pressure for days. */
    static final long MAX_TTL_MS = 3_600_000;

    private static final BigDecimal MAX_TTL = BigDecimal.valueOf(MAX_TTL_MS);

    private final HelixRouter router;

    TelemetryApi(HelixRouter router) {
        this.router = router;
    }

    /**
     * Applies a report.
     *
     * @throws ApiError 422 listing every problem of the report; nothing is applied then
     */
    ObjectNode report(JsonNode body) {
        List<ConfigViolation> problems = new ArrayList<>();
        if (!body.isObject()) {
            problems.add(new ConfigViolation("$", "must be a JSON object like {\"pressure\": 0.8, \"ttl_ms\": 5000}, "
                    + "was " + JsonKinds.describe(body)));
            throw invalid(problems);
        }
        Double pressure = null;
        long ttlMs = DEFAULT_TTL_MS;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "pressure" -> pressure = pressure(v, problems);
                case "ttl_ms" -> ttlMs = ttl(v, problems, ttlMs);
                default -> problems.add(new ConfigViolation(JsonKinds.clipKey(key),
                        "unknown key; a report has 'pressure' (required) and 'ttl_ms'"));
            }
        }
        if (!body.has("pressure")) {
            problems.add(new ConfigViolation("pressure", "is required: a number from 0 to 1"));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        router.reportExternalPressure(pressure, Duration.ofMillis(ttlMs));
        PressureReading now = router.pressure();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("accepted", true);
        o.put("pressure", pressure);
        o.put("ttl_ms", ttlMs);
        ObjectNode p = o.putObject("router_pressure");
        p.put("internal", now.internal());
        p.put("external", now.external());
        p.put("effective", now.effective());
        return o;
    }

    private static Double pressure(JsonNode v, List<ConfigViolation> problems) {
        if (v.isNumber()) {
            if (v.isDouble() && !Double.isFinite(v.doubleValue())) {
                problems.add(new ConfigViolation("pressure", v.doubleValue() + " is not a number from 0 to 1"));
                return null;
            }
            BigDecimal d = v.decimalValue();
            if (d.compareTo(BigDecimal.ZERO) >= 0 && d.compareTo(BigDecimal.ONE) <= 0) {
                return d.doubleValue();
            }
            problems.add(new ConfigViolation("pressure", "must be from 0 to 1, was " + JsonKinds.clip(v.toString())));
            return null;
        }
        problems.add(new ConfigViolation("pressure", "must be a number from 0 to 1, was " + JsonKinds.describe(v)));
        return null;
    }

    private static long ttl(JsonNode v, List<ConfigViolation> problems, long fallback) {
        if (v.isNumber() && !(v.isDouble() && !Double.isFinite(v.doubleValue()))) {
            BigDecimal d = v.decimalValue();
            if (d.compareTo(BigDecimal.ONE) >= 0 && d.compareTo(MAX_TTL) <= 0 && d.stripTrailingZeros().scale() <= 0) {
                return d.longValueExact();
            }
        }
        problems.add(new ConfigViolation("ttl_ms", "must be a whole number of milliseconds from 1 to " + MAX_TTL_MS
                + ", was " + JsonKinds.describe(v)));
        return fallback;
    }

    private static ApiError invalid(List<ConfigViolation> problems) {
        return ApiError.invalid("invalid_telemetry", "the report has " + (problems.size() == 1 ? "1 problem"
                : problems.size() + " problems") + "; nothing was applied", problems);
    }
}
