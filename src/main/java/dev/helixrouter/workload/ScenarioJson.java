package dev.helixrouter.workload;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigViolation;
import dev.helixrouter.engine.config.RouterConfigJson;
import dev.helixrouter.workload.calibration.Overheads;
import dev.helixrouter.workload.calibration.ServiceModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads and writes scenarios as JSON (format: {@code docs/SCENARIOS.md}).
 *
 * <pre>{@code
 * {
 *   "name": "overload",
 *   "description": "Twice what the machine can serve",
 *   "seed": 42,
 *   "workload": { "mix": "original", "heavy_share": 0.25 },
 *   "arrival": { "pattern": "poisson", "load": 2.0 },
 *   "jobs": 200000,
 *   "duration_s": 20,
 *   "config": { "backpressure_gate": "deadline" },
 *   "service_model": {
 *     "HashMix": { "intercept_nanos": 136, "slope_nanos": 1.91 },
 *     "PrimeCount": { "intercept_nanos": -2650, "slope_nanos": 0.97 },
 *     "MonteCarloRisk": { "intercept_nanos": -35000, "slope_nanos": 40 }
 *   },
 *   "overheads": { "caller_ns": 12600, "inline_ns": 0, "spawn_ns": 24100, "cpu_pool_ns": 20600, "batch_ns": 4700 }
 * }
 * }</pre>
 *
 * <p>Reading is strict and reports every problem at once in a {@link ScenarioException}, each
 * line naming the file (when read from one) and the field at fault, e.g.
 * {@code presets/overload.json: arrival.load: must be > 0 and <= 1000 (…), was -1}: malformed
 * JSON (with line and column), unknown keys (with the nearest known key), missing required
 * keys, wrong types, NaN, out-of-range values, and every problem of the {@code config} object
 * as {@link RouterConfigJson} reports it, prefixed {@code config.}; the optional explicit
 * {@code service_model} and {@code overheads} are read the same way (every problem at once, by
 * path, e.g. {@code service_model.PrimeCount.slope_nanos}). Comments ({@code //} and
 * {@code /* … *}{@code /}) are allowed, since presets are written by hand.
 *
 * <p>Writing gives a pretty-printed document whose {@code workload} holds only the fields that
 * differ from the original mix, whose {@code config} holds only the keys the scenario sets, and
 * which holds {@code service_model} and {@code overheads} exactly when the scenario gives them;
 * {@code parse(toJson(s)).equals(s)} for every scenario. All methods are thread-safe.
 */
public final class ScenarioJson {

    /** The seed of a scenario that names none. */
    public static final long DEFAULT_SEED = 1;

    /** The base mixes a {@code workload} may start from. */
    public static final List<String> MIXES = List.of("original");

    private static final List<String> TOP_KEYS =
            List.of("name", "description", "seed", "workload", "arrival", "jobs", "duration_s", "config",
                    "service_model", "overheads");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal HALF_NANOSECOND = new BigDecimal("5E-10");

    private static final ObjectWriter PRETTY = JsonFields.MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private ScenarioJson() {}

    // ---- reading ----

    /**
     * Reads a scenario from a file; problems name the file as {@code file} was given.
     *
     * @throws ScenarioException listing every problem, or saying why the file cannot be read
     */
    public static Scenario read(Path file) {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > JsonFields.MAX_DOCUMENT_CHARS * 4L) {
                throw new ScenarioException(source, List.of(new ScenarioProblem("$", "the file is "
                        + Files.size(file) + " bytes long; a scenario is at most "
                        + JsonFields.MAX_DOCUMENT_CHARS + " characters")));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(source, List.of(new ScenarioProblem("$", "cannot read the file: " + e)));
        } catch (UncheckedIOException e) {
            throw new ScenarioException(source, List.of(new ScenarioProblem("$", "cannot read the file: " + e.getCause())));
        }
        return parse(text, source);
    }

    /**
     * Reads a scenario from text that has no file name.
     *
     * @throws ScenarioException listing every problem
     */
    public static Scenario parse(String json) {
        return parse(json, null);
    }

    /**
     * Reads a scenario from text; problems are attributed to {@code source} (a file name or
     * resource name, or null for none).
     *
     * @throws ScenarioException listing every problem
     */
    public static Scenario parse(String json, String source) {
        Objects.requireNonNull(json, "json");
        List<ScenarioProblem> problems = new ArrayList<>();
        JsonNode root = readTree(json, problems);
        Scenario scenario = root == null ? null : fromTree(root, problems);
        if (!problems.isEmpty() || scenario == null) {
            throw new ScenarioException(source, problems);
        }
        return scenario;
    }

    /**
     * Reads a scenario from a JSON tree (for scenarios embedded in other documents).
     *
     * @throws ScenarioException listing every problem
     */
    public static Scenario fromTree(JsonNode root) {
        List<ScenarioProblem> problems = new ArrayList<>();
        Scenario scenario = fromTree(root, problems);
        if (!problems.isEmpty() || scenario == null) {
            throw new ScenarioException(problems);
        }
        return scenario;
    }

    private static Scenario fromTree(JsonNode root, List<ScenarioProblem> problems) {
        Optional<JsonFields> top = JsonFields.object(root, "", "a scenario", problems);
        if (top.isEmpty()) {
            return null;
        }
        JsonFields f = top.get();
        f.refuseUnknown(TOP_KEYS);
        f.require("name", "it names the scenario in the picker and on the command line");
        String name = f.text("name").orElse(null);
        String description = f.text("description").orElse("");
        long seed = f.integer("seed").orElse(DEFAULT_SEED);
        WorkloadSpec workload = f.has("workload") ? ScenarioPartsJson.readWorkload(f.raw("workload"), problems) : WorkloadSpec.ORIGINAL;
        ArrivalPattern arrival = f.require("arrival", "for example {\"pattern\": \"poisson\", \"load\": 1.0}")
                ? ScenarioPartsJson.readArrival(f.raw("arrival"), problems) : null;
        RunBound bound = readBound(f, problems);
        ConfigPatch config = f.has("config") ? readConfig(f.raw("config"), problems) : ConfigPatch.empty();
        Optional<ServiceModel> model = f.has("service_model")
                ? ScenarioPartsJson.readServiceModel(f.raw("service_model"), problems) : Optional.empty();
        Optional<Overheads> overheads = f.has("overheads")
                ? ScenarioPartsJson.readOverheads(f.raw("overheads"), problems) : Optional.empty();
        problems.addAll(Scenario.modelProblems(f.has("service_model"), f.has("overheads")));
        if (name != null) {
            problems.addAll(Scenario.problems(name, description, arrival, bound));
        }
        if (!problems.isEmpty() || name == null || workload == null || arrival == null || bound == null
                || config == null) {
            return null;
        }
        return new Scenario(name, description, seed, workload, arrival, bound, config, model, overheads);
    }

    private static RunBound readBound(JsonFields f, List<ScenarioProblem> problems) {
        int before = problems.size();
        OptionalLong jobs = f.integer("jobs");
        Optional<Duration> duration = f.exact("duration_s").flatMap(s -> seconds(f, s));
        if (problems.size() > before) {
            return null;
        }
        try {
            return new RunBound(jobs, duration);
        } catch (ScenarioException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static Optional<Duration> seconds(JsonFields f, BigDecimal s) {
        if (s.signum() <= 0) {
            f.problem("duration_s", "must be > 0, was " + JsonFields.show(s));
            return Optional.empty();
        }
        if (s.compareTo(BigDecimal.valueOf(ArrivalPattern.MAX_MS / 1000)) > 0) {
            f.problem("duration_s", "must be at most a year (" + ArrivalPattern.MAX_MS / 1000 + "), was "
                    + JsonFields.show(s));
            return Optional.empty();
        }
        // Below half a nanosecond it rounds to 0; refused before rounding, which would compute
        // 10^scale for a scale as large as the exponent written (1e-999999999 overflows).
        if (s.compareTo(HALF_NANOSECOND) <= 0) {
            f.problem("duration_s", "must be at least a nanosecond, was " + JsonFields.show(s));
            return Optional.empty();
        }
        long nanos = s.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return Optional.of(Duration.ofNanos(nanos));
    }

    private static ConfigPatch readConfig(JsonNode node, List<ScenarioProblem> problems) {
        try {
            // Validate as a whole document over this machine's defaults (partial is fine), so a
            // preset with a typo or a broken rule is refused when loaded, not when run.
            RouterConfigJson.fromTree(node);
            return RouterConfigJson.patchFromTree(node);
        } catch (ConfigException e) {
            for (ConfigViolation v : e.violations()) {
                problems.add(new ScenarioProblem(v.key().equals("$") ? "config" : "config." + v.key(), v.message()));
            }
            return null;
        }
    }

    /** Parses the text into a tree; on failure records one problem and returns null. */
    private static JsonNode readTree(String json, List<ScenarioProblem> problems) {
        if (json.length() > JsonFields.MAX_DOCUMENT_CHARS) {
            problems.add(new ScenarioProblem("$", "the document is " + json.length()
                    + " characters long; at most " + JsonFields.MAX_DOCUMENT_CHARS + " are accepted"));
            return null;
        }
        if (json.isBlank()) {
            problems.add(new ScenarioProblem("$", "the document is empty; expected a scenario object such as "
                    + "{\"name\": \"x\", \"arrival\": {\"pattern\": \"poisson\", \"load\": 1}, \"duration_s\": 10}"));
            return null;
        }
        JsonParser parser = null;
        try {
            parser = JsonFields.LENIENT_COMMENTS.createParser(json);
            return JsonFields.LENIENT_COMMENTS.readTree(parser);
        } catch (StreamConstraintsException e) {
            problems.add(new ScenarioProblem("$", "the document exceeds a limit (" + e.getOriginalMessage() + ")"
                    + at(parser == null ? null : parser.currentLocation())));
            return null;
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation() != null ? e.getLocation()
                    : parser == null ? null : parser.currentLocation();
            if (parser != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                problems.add(new ScenarioProblem(pathOf(parser.getParsingContext()),
                        "appears more than once" + at(where) + "; give each key once"));
                return null;
            }
            String why = e.getOriginalMessage().replace(" (or 'NaN'/'+INF'/'-INF')", "");
            problems.add(new ScenarioProblem("$", "malformed JSON" + at(where) + ": " + why));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String performs no I/O
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // closing a parser over a String releases buffers only
                }
            }
        }
    }

    private static String pathOf(JsonStreamContext context) {
        List<String> names = new ArrayList<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) {
                names.addFirst(c.getCurrentName());
            }
        }
        return names.isEmpty() ? "$" : String.join(".", names);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    // ---- writing ----

    /** The scenario as a pretty-printed JSON document (UTF-8 text, ending in a newline). */
    public static String toJson(Scenario scenario) {
        try {
            return PRETTY.writeValueAsString(toTree(scenario)) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write scenario JSON", e); // a tree of plain values always writes
        }
    }

    /** The scenario as a JSON object, keys in documented order. */
    public static ObjectNode toTree(Scenario s) {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        ObjectNode root = nf.objectNode();
        root.put("name", s.name());
        root.put("description", s.description());
        root.put("seed", s.seed());
        root.set("workload", ScenarioPartsJson.workloadTree(s.workload()));
        root.set("arrival", ScenarioPartsJson.arrivalTree(s.arrival()));
        s.bound().maxJobs().ifPresent(n -> root.put("jobs", n));
        s.bound().maxDuration().ifPresent(d -> {
            BigDecimal secs = new BigDecimal(d.toNanos()).divide(NANOS_PER_SECOND).stripTrailingZeros();
            if (secs.scale() <= 0) {
                root.put("duration_s", secs.longValueExact());
            } else {
                root.put("duration_s", secs);
            }
        });
        if (!s.config().isEmpty()) {
            root.set("config", s.config().toTree());
        }
        s.serviceModel().ifPresent(m -> root.set("service_model", m.toJsonTree()));
        s.overheads().ifPresent(o -> root.set("overheads", o.toJsonTree()));
        return root;
    }
}
