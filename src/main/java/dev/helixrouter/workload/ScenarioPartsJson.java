package dev.helixrouter.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.workload.calibration.Overheads;
import dev.helixrouter.workload.calibration.ServiceModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@code workload}, {@code arrival}, {@code service_model} and {@code overheads} objects of a
 * scenario document, read and written for {@link ScenarioJson}. Reading records every problem
 * with its dotted path instead of throwing.
 */
final class ScenarioPartsJson {

    private static final List<String> PATTERNS = List.of("all_at_once", "poisson", "bursts", "ramp", "spike");
    private static final Map<String, List<String>> PATTERN_KEYS = Map.of(
            "all_at_once", List.of("pattern"),
            "poisson", List.of("pattern", "load"),
            "bursts", List.of("pattern", "on_load", "off_load", "on_ms", "off_ms"),
            "ramp", List.of("pattern", "from_load", "to_load", "ramp_ms"),
            "spike", List.of("pattern", "base_load", "spike_load", "spike_at_ms", "spike_ms"));

    /** The kinds of an explicit service model, in the order they are written. */
    private static final List<String> MODEL_KINDS =
            List.of(JobKind.HASH_MIX.name(), JobKind.PRIME_COUNT.name(), JobKind.MONTE_CARLO_RISK.name());
    private static final List<String> LINE_KEYS = List.of(ServiceModel.INTERCEPT, ServiceModel.SLOPE, ServiceModel.R2);
    /**
     * Largest coefficient or overhead accepted, in nanoseconds: 1000 s per unit of work or per job
     * is a unit mixed up, not a machine, and would overflow the simulated clock.
     */
    static final double MAX_MODEL_NANOS = 1e12;

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

    /**
     * The {@code service_model} object: a line per built-in kind; empty (with problems recorded)
     * if invalid. Stricter than {@link ServiceModel#fromJsonTree}: every problem at once, nearest
     * keys suggested, slopes not negative, magnitudes bounded.
     */
    static Optional<ServiceModel> readServiceModel(JsonNode node, List<ScenarioProblem> problems) {
        return strictObject(node, "service_model",
                "a line per kind, e.g. {\"HashMix\": {\"intercept_nanos\": 136, \"slope_nanos\": 1.9}, …}",
                MODEL_KINDS, problems, f -> {
                    Map<String, ServiceModel.Line> lines = new HashMap<>();
                    for (String kind : MODEL_KINDS) {
                        if (f.require(kind, "the model needs a line for each of " + String.join(", ", MODEL_KINDS))) {
                            readLine(f.raw(kind), f.pathOf(kind), problems).ifPresent(line -> lines.put(kind, line));
                        }
                    }
                    return () -> new ServiceModel(lines.get(MODEL_KINDS.get(0)), lines.get(MODEL_KINDS.get(1)),
                            lines.get(MODEL_KINDS.get(2)));
                });
    }

    private static Optional<ServiceModel.Line> readLine(JsonNode node, String path, List<ScenarioProblem> problems) {
        return strictObject(node, path, "service nanos = intercept_nanos + slope_nanos x effective work", LINE_KEYS,
                problems, f -> {
                    f.require(ServiceModel.INTERCEPT, "nanoseconds at zero work (may be negative for a fitted line)");
                    f.require(ServiceModel.SLOPE, "nanoseconds per unit of the kernel's effective work");
                    OptionalDouble intercept = nanos(f, ServiceModel.INTERCEPT, -MAX_MODEL_NANOS, "nanoseconds");
                    OptionalDouble slope = nanos(f, ServiceModel.SLOPE, 0, "nanoseconds per unit of work");
                    OptionalDouble r2 = f.decimal(ServiceModel.R2);
                    if (r2.isPresent() && !(r2.getAsDouble() >= 0 && r2.getAsDouble() <= 1)) {
                        f.problem(ServiceModel.R2, "must be within 0..1 (the fit's coefficient of determination), was "
                                + Numbers.show(r2.getAsDouble()));
                    }
                    return () -> new ServiceModel.Line(intercept.getAsDouble(), slope.getAsDouble(),
                            r2.orElse(Double.NaN));
                });
    }

    /** The {@code overheads} object: the router's CPU per job, every key required; empty (with problems) if invalid. */
    static Optional<Overheads> readOverheads(JsonNode node, List<ScenarioProblem> problems) {
        return strictObject(node, "overheads",
                "the router's CPU nanoseconds per job: " + String.join(", ", Overheads.JSON_KEYS),
                Overheads.JSON_KEYS, problems, f -> {
                    double[] v = new double[Overheads.JSON_KEYS.size()];
                    for (int i = 0; i < v.length; i++) {
                        String key = Overheads.JSON_KEYS.get(i);
                        int k = i;
                        if (f.require(key, "nanoseconds per job, 0 for none")) {
                            nanos(f, key, 0, "nanoseconds per job").ifPresent(x -> v[k] = x);
                        }
                    }
                    return () -> new Overheads(v[0], v[1], v[2], v[3], v[4]); // JSON_KEYS is in component order
                });
    }

    /**
     * Reads the object at {@code path} whose keys are {@code known} (others are refused with the
     * nearest known key): {@code read} checks its fields, recording problems, and returns how to
     * build the value, which is built only if no problem was recorded.
     */
    private static <T> Optional<T> strictObject(JsonNode node, String path, String what, List<String> known,
                                                List<ScenarioProblem> problems,
                                                Function<JsonFields, Supplier<T>> read) {
        int before = problems.size();
        Optional<JsonFields> obj = JsonFields.object(node, path, what, problems);
        if (obj.isEmpty()) {
            return Optional.empty();
        }
        obj.get().refuseUnknown(known);
        Supplier<T> build = read.apply(obj.get());
        return problems.size() > before ? Optional.empty() : Optional.of(build.get());
    }

    /** A number of nanoseconds within {@code min}..{@link #MAX_MODEL_NANOS}; empty (with the problem) otherwise. */
    private static OptionalDouble nanos(JsonFields f, String key, double min, String unit) {
        OptionalDouble v = f.decimal(key);
        if (v.isPresent() && !(v.getAsDouble() >= min && v.getAsDouble() <= MAX_MODEL_NANOS)) {
            f.problem(key, "must be within " + Numbers.show(min) + ".." + Numbers.show(MAX_MODEL_NANOS) + " (" + unit
                    + "), was " + Numbers.show(v.getAsDouble()));
            return OptionalDouble.empty();
        }
        return v;
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
