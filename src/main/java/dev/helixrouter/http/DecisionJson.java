package dev.helixrouter.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.DecisionEvent;
import java.util.Locale;

/**
 * A {@link DecisionEvent} as the JSON of one {@code decision} event of the SSE stream: every
 * field of the event in snake_case, plus {@code explain}, the "why" in words. Estimates the gate
 * did not compute are {@code null}; times are nanoseconds on the router's clock.
 */
final class DecisionJson {
    private DecisionJson() {}

    static ObjectNode toTree(DecisionEvent e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("sequence", e.sequence());
        o.put("time_ns", e.timeNanos());
        o.put("job_id", e.jobId());
        o.put("kind", e.kind());
        o.put("cost", e.cost());
        number(o, "scaling", e.scaling());
        o.put("latency_budget_ms", e.budgetMs());
        o.put("blocking", e.blocking());
        o.put("strategy", e.strategy().wireName());
        o.put("rule", e.rule().name().toLowerCase(Locale.ROOT));
        e.rule().dropReason().ifPresentOrElse(r -> o.put("drop_reason", r.wireName()), () -> o.putNull("drop_reason"));
        o.put("decided_by", e.decidedBy().wireName());
        o.put("cpu_busy", e.cpuBusy());
        o.put("queue_depth", e.queueDepth());
        o.put("parallelism", e.parallelism());
        number(o, "pressure", e.pressure());
        o.put("inline_threshold", e.inlineThreshold());
        o.put("spawn_threshold", e.spawnThreshold());
        o.put("busy_threshold", e.busyThreshold());
        number(o, "pressure_shed_threshold", e.pressureShedThreshold());
        o.put("gate", e.gate().wireName());
        estimate(o, "pool_estimate_ns", e.poolEstimateNanos());
        estimate(o, "batch_estimate_ns", e.batchEstimateNanos());
        o.put("budget_left_ns", e.budgetLeftNanos());
        o.put("explain", e.explain());
        return o;
    }

    private static void estimate(ObjectNode o, String key, long nanos) {
        if (nanos >= 0) {
            o.put(key, nanos);
        } else {
            o.putNull(key);
        }
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
