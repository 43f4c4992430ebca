package dev.helixrouter.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import java.util.Map;

/**
 * Writes a {@link RouterSnapshot} as JSON, one shape everywhere: {@code run --json}, the HTTP
 * API's {@code /api/stats} and the lab's report export. The schema is documented in
 * {@code docs/REPORT.md}; keys are snake_case, latencies are in microseconds (fractional), and a
 * value that does not exist yet (an EMA before its first sample) is {@code null}, never NaN.
 *
 * <p>The counters {@code submitted, completed, dropped, failed, in_flight} come first, as the
 * original HelixRouter's report had them at its top level.
 */
public final class SnapshotJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SnapshotJson() {}

    /** The snapshot as a JSON tree. */
    public static ObjectNode toTree(RouterSnapshot s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("submitted", s.submitted());
        o.put("completed", s.completed());
        o.put("dropped", s.dropped());
        o.put("failed", s.failed());
        o.put("in_flight", s.inFlight());
        ObjectNode reasons = o.putObject("dropped_by_reason");
        for (DropReason r : DropReason.values()) {
            reasons.put(r.wireName(), s.droppedByReason().getOrDefault(r, 0L));
        }
        o.put("sequence", s.sequence());
        o.put("uptime_secs", s.uptimeNanos() / 1e9);
        o.put("interval_ms", s.intervalNanos() / 1e6);
        o.put("config_version", s.configVersion());
        number(o, "throughput_per_sec", s.throughputPerSec());
        number(o, "goodput_per_sec", s.goodputPerSec());
        number(o, "drop_rate_per_sec", s.dropRatePerSec());
        ObjectNode strategies = o.putObject("strategies");
        for (Strategy st : Strategy.values()) {
            StrategyStats x = s.strategies().get(st);
            ObjectNode n = strategies.putObject(st.wireName());
            n.put("routed", x.routed());
            n.put("completed", x.completed());
            n.put("met", x.met());
            n.put("late", x.late());
            n.put("failed", x.failed());
            n.put("interval_completed", x.intervalCompleted());
            n.put("interval_met", x.intervalMet());
            n.set("latency_us", latency(x.latency()));
            n.set("interval_latency_us", latency(x.intervalLatency()));
            n.set("queue_wait_us", latency(x.queueWait()));
            n.set("service_us", latency(x.service()));
            n.set("interval_queue_wait_us", latency(x.intervalQueueWait()));
            n.set("interval_service_us", latency(x.intervalService()));
        }
        ObjectNode kinds = o.putObject("kinds");
        for (Map.Entry<String, KindStats> e : s.kinds().entrySet()) {
            KindStats k = e.getValue();
            ObjectNode n = kinds.putObject(e.getKey());
            n.put("routed", k.routed());
            n.put("completed", k.completed());
            n.put("met", k.met());
            n.put("late", k.late());
            n.put("dropped", k.dropped());
            n.put("failed", k.failed());
            n.set("latency_us", latency(k.latency()));
            n.set("interval_latency_us", latency(k.intervalLatency()));
        }
        ObjectNode lane = o.putObject("cpu_lane");
        lane.put("queue_depth", s.queueDepth());
        lane.put("queue_capacity", s.queueCapacity());
        lane.put("cpu_busy", s.cpuBusy());
        lane.put("parallelism", s.parallelism());
        lane.put("cpu_stuck", s.cpuStuck());
        o.put("spawned_in_flight", s.spawnedInFlight());
        ObjectNode batches = o.putObject("batch_depths");
        s.batchDepths().forEach(batches::put);
        ObjectNode p = o.putObject("pressure");
        number(p, "internal", s.pressure().internal());
        number(p, "external", s.pressure().external());
        number(p, "effective", s.pressure().effective());
        o.put("adaptive_spawn_threshold", s.adaptiveSpawnThreshold());
        o.put("decisions_published", s.decisionsPublished());
        for (Map.Entry<String, Object> e : s.extensions().entrySet()) {
            JsonNode value = MAPPER.valueToTree(e.getValue());
            JsonNode existing = o.get(e.getKey());
            if (existing == null) {
                o.set(e.getKey(), value);
            } else if (existing instanceof ObjectNode base && value instanceof ObjectNode more) {
                // e.g. the pressure model's components join {"internal", "external", "effective"}
                more.fields().forEachRemaining(f -> {
                    if (!base.has(f.getKey())) {
                        base.set(f.getKey(), f.getValue());
                    }
                });
            } else {
                o.set(e.getKey() + "_state", value); // e.g. adaptive_spawn_threshold stays a number
            }
        }
        return o;
    }

    /** The snapshot as compact JSON text. */
    public static String toJson(RouterSnapshot s) {
        return toTree(s).toString();
    }

    /** A latency summary as JSON (microseconds). */
    public static JsonNode latency(LatencyStats l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("count", l.count());
        number(n, "mean", l.meanMicros());
        number(n, "min", l.minMicros());
        number(n, "p50", l.p50Micros());
        number(n, "p95", l.p95Micros());
        number(n, "p99", l.p99Micros());
        number(n, "p999", l.p999Micros());
        number(n, "max", l.maxMicros());
        number(n, "ema", l.emaMicros());
        return n;
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
