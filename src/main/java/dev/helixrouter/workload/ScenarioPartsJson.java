package dev.helixrouter.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code workload} and {@code arrival} objects of a scenario document, read and written for
 * {@link ScenarioJson}. Reading records every problem with its dotted path instead of throwing.
 */
final class ScenarioPartsJson {

    private static final List<String> PATTERNS = List.of("all_at_once", "poisson", "bursts", "ramp", "spike");
    private static final Map<String, List<String>> PATTERN_KEYS = Map.of(
            "all_at_once", List.of("pattern"),
            "poisson", List.of("pattern", "load"),
            "bursts", List.of("pattern", "on_load", "off_load", "on_ms", "off_ms"),
            "ramp", List.of("pattern", "from_load", "to_load", "ramp_ms"),
            "spike", List.of("pattern", "base_load", "spike_load", "spike_at_ms", "spike_ms"));

    private ScenarioPartsJson() {}

    /** The {@code workload} object: a base mix with overrides; null (with problems recorded) if invalid. */
    static WorkloadSpec readWorkload(JsonNode node, List<ScenarioProblem> problems) {
        Optional<JsonFields> obj = JsonFields.object(node, "workload", "a base mix and overrides", problems);
        if (obj.isEmpty()) {
            return null;
        }
        JsonFields f = obj.get();
        f.refuseUnknown(Stream.concat(Stream.of("mix"), WorkloadField.jsonNames().stream()).toList());
        int before = problems.size();
        f.choice("mix", ScenarioJson.MIXES); // only "original" so far; the key exists so that other bases can join it
        WorkloadSpec.Builder b = WorkloadSpec.builder();
        Set<String> failed = new HashSet<>();
        for (WorkloadField field : WorkloadField.values()) {
            if (!f.has(field.jsonName())) {
                continue;
            }
            int n = problems.size();
            Optional<Number> value = field.type() == WorkloadField.Type.SHARE
                    ? boxed(f.decimal(field.jsonName())) : boxed(f.integer(field.jsonName()));
            value.ifPresent(v -> b.set(field, v));
            if (problems.size() > n) {
                failed.add(field.jsonName());
            }
        }
        // A field that failed its type check kept the original's value: don't also report rules
        // about a value the user never wrote ("max must be >= min" after a typo in min).
        for (ScenarioProblem p : b.violations()) {
            boolean noise = failed.contains(p.path()) || failed.stream().anyMatch(k -> p.message().contains(k + " ("));
            if (!noise) {
                problems.add(p.under("workload"));
            }
        }
        return problems.size() > before ? null : b.build();
    }

    /** The {@code arrival} object: a pattern and its fields; null (with problems recorded) if invalid. */
    static ArrivalPattern readArrival(JsonNode node, List<ScenarioProblem> problems) {
        Optional<JsonFields> obj = JsonFields.object(node, "arrival", "a pattern and its rates", problems);
        if (obj.isEmpty()) {
            return null;
        }
        JsonFields f = obj.get();
        if (!f.require("pattern", "one of " + String.join(", ", PATTERNS))) {
            return null;
        }
        Optional<String> pattern = f.choice("pattern", PATTERNS);
        if (pattern.isEmpty()) {
            return null;
        }
        List<String> keys = PATTERN_KEYS.get(pattern.get());
        for (Map.Entry<String, JsonNode> p : node.properties()) {
            String key = p.getKey();
            if (!keys.contains(key)) {
                Optional<String> owner = PATTERNS.stream().filter(k -> PATTERN_KEYS.get(k).contains(key)).findFirst();
                f.problem(key, owner.isPresent()
                        ? "'" + key + "' belongs to the " + owner.get() + " pattern, not to " + pattern.get()
                                + "; keys of " + pattern.get() + ": " + String.join(", ", keys)
                        : Suggestions.unknownKey(key, keys));
            }
        }
        // Type-check every field of the pattern before building it, so that all problems are listed.
        int before = problems.size();
        Map<String, Number> v = new HashMap<>();
        for (String key : keys.subList(1, keys.size())) {
            if (!f.has(key)) {
                if (key.equals("off_load")) {
                    v.put(key, 0.0); // no traffic between bursts unless told
                } else {
                    f.require(key, key.endsWith("_ms") ? "a whole number of milliseconds"
                            : "a multiple of the calibrated capacity, e.g. 1.0");
                }
                continue;
            }
            if (key.endsWith("_ms")) {
                f.integer(key).ifPresent(x -> v.put(key, x));
            } else {
                f.decimal(key).ifPresent(x -> v.put(key, x));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return switch (pattern.get()) {
                case "poisson" -> new ArrivalPattern.Poisson(d(v, "load"));
                case "bursts" -> new ArrivalPattern.Bursts(d(v, "on_load"), d(v, "off_load"), l(v, "on_ms"),
                        l(v, "off_ms"));
                case "ramp" -> new ArrivalPattern.Ramp(d(v, "from_load"), d(v, "to_load"), l(v, "ramp_ms"));
                case "spike" -> new ArrivalPattern.Spike(d(v, "base_load"), d(v, "spike_load"), l(v, "spike_at_ms"),
                        l(v, "spike_ms"));
                default -> new ArrivalPattern.AllAtOnce();
            };
        } catch (ScenarioException e) {
            e.problems().forEach(p -> problems.add(p.under("arrival")));
            return null;
        }
    }

    private static double d(Map<String, Number> values, String key) {
        return values.get(key).doubleValue();
    }

    private static long l(Map<String, Number> values, String key) {
        return values.get(key).longValue();
    }

    private static Optional<Number> boxed(OptionalDouble d) {
        return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
    }

    private static Optional<Number> boxed(OptionalLong l) {
        return l.isPresent() ? Optional.of(l.getAsLong()) : Optional.empty();
    }

    // ---- writing ----

    /** The workload as {@code {"mix": "original", …only the fields that differ…}}. */
    static ObjectNode workloadTree(WorkloadSpec spec) {
        ObjectNode workload = JsonNodeFactory.instance.objectNode();
        workload.put("mix", "original");
        for (WorkloadField field : spec.changedFromOriginal()) {
            Number v = spec.get(field);
            if (v instanceof Double d) {
                workload.put(field.jsonName(), d);
            } else {
                workload.put(field.jsonName(), v.longValue());
            }
        }
        return workload;
    }

    /** The pattern as {@code {"pattern": …, its fields}}. */
    static ObjectNode arrivalTree(ArrivalPattern pattern) {
        ObjectNode arrival = JsonNodeFactory.instance.objectNode();
        arrival.put("pattern", pattern.wireName());
        switch (pattern) {
            case ArrivalPattern.AllAtOnce a -> { }
            case ArrivalPattern.Poisson p -> arrival.put("load", p.load());
            case ArrivalPattern.Bursts b -> arrival.put("on_load", b.onLoad()).put("off_load", b.offLoad())
                    .put("on_ms", b.onMs()).put("off_ms", b.offMs());
            case ArrivalPattern.Ramp r -> arrival.put("from_load", r.fromLoad()).put("to_load", r.toLoad())
                    .put("ramp_ms", r.rampMs());
            case ArrivalPattern.Spike sp -> arrival.put("base_load", sp.baseLoad()).put("spike_load", sp.spikeLoad())
                    .put("spike_at_ms", sp.spikeAtMs()).put("spike_ms", sp.spikeMs());
        }
        return arrival;
    }
}
