package dev.helixrouter.adapt;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.JobKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The learned policy's saved state: per kind, its matrix, baseline and update count, plus the
 * total updates (which set ε). The file {@code HELIX_WEIGHTS_PATH} names holds it as JSON:
 *
 * <pre>{@code
 * {
 *   "format": "helixrouter-learned-weights",
 *   "version": 1,
 *   "strategies": ["inline", "spawn", "cpu_pool", "batch"],
 *   "features": ["bias", "log_cost", ...],
 *   "updates": 123456,
 *   "kinds": {
 *     "HashMix": {"weights": [[...13 numbers...], ...4 rows...], "baseline": 0.61, "updates": 41000}
 *   }
 * }
 * }</pre>
 *
 * A file written by a version with fewer features (the same columns, fewer of them) is read with
 * 0 weights in the added columns, which keeps its decisions as they were. Otherwise reading is
 * strict: a file for other strategies or features, a matrix of the wrong shape, a
 * number that is not finite or larger than 100 in magnitude, or a negative count is refused with
 * a message naming the path of the bad value.
 *
 * @param strategies matrix rows
 * @param features   matrix columns
 * @param updates    outcomes learned from in total
 * @param kinds      per kind name
 */
public record LearnedWeights(List<String> strategies, List<String> features, long updates, Map<String, Kind> kinds) {
    /** The {@code format} field's value. */
    public static final String FORMAT = "helixrouter-learned-weights";
    /** Largest file read, in bytes. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double MAX_ABS = 100.0;

    /** One kind's saved model. */
    public record Kind(double[][] weights, double baseline, long updates) {}

    /** Copies the collections. */
    public LearnedWeights {
        strategies = List.copyOf(strategies);
        features = List.copyOf(features);
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    /** As a JSON document. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        strategies.forEach(root.putArray("strategies")::add);
        features.forEach(root.putArray("features")::add);
        root.put("updates", updates);
        ObjectNode ks = root.putObject("kinds");
        kinds.forEach((name, k) -> {
            ObjectNode n = ks.putObject(name);
            ArrayNode rows = n.putArray("weights");
            for (double[] row : k.weights()) {
                ArrayNode r = rows.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
            n.put("baseline", k.baseline());
            n.put("updates", k.updates());
        });
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the document to {@code file} atomically (a temporary file, then a move). */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a file written by {@link #save}. */
    public static LearnedWeights load(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException("the file is " + Files.size(file) + " bytes; at most " + MAX_BYTES
                    + " are read");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses a document written for this version's {@link LearnedPolicy#ARMS} and
     * {@link LearnedPolicy#FEATURES}.
     *
     * @throws IllegalArgumentException naming the first problem and where it is
     */
    public static LearnedWeights parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Objects.requireNonNull(json, "json"));
        } catch (JsonProcessingException e) {
            // Some refusals (a number longer than Jackson's limit) carry no location.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("$: expected an object with \"format\": \"" + FORMAT + "\"");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("format: expected \"" + FORMAT + "\", was " + root.get("format"));
        }
        if (root.path("version").asInt(-1) != 1) {
            throw new IllegalArgumentException("version: expected 1, was " + root.get("version"));
        }
        List<String> strategies = strings(root, "strategies");
        List<String> features = strings(root, "features");
        List<String> arms = LearnedPolicy.ARMS.stream().map(dev.helixrouter.engine.Strategy::wireName).toList();
        if (!strategies.equals(arms)) {
            throw new IllegalArgumentException("strategies: expected " + arms + ", was " + strategies);
        }
        boolean older = features.size() < LearnedPolicy.FEATURES.size()
                && features.equals(LearnedPolicy.FEATURES.subList(0, features.size()));
        if (!features.equals(LearnedPolicy.FEATURES) && !older) {
            throw new IllegalArgumentException("features: written for " + features + ", this version uses "
                    + LearnedPolicy.FEATURES);
        }
        long updates = count(root, "updates", "updates");
        JsonNode ks = root.get("kinds");
        if (ks == null || !ks.isObject()) {
            throw new IllegalArgumentException("kinds: expected an object of kind name -> model");
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String where = "kinds." + (name.length() <= 70 ? name : name.substring(0, 64) + "... (" + name.length()
                    + " characters)");
            JsonNode k = e.getValue();
            if (!k.isObject()) {
                throw new IllegalArgumentException(where + ": expected an object");
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException(where + ": a kind name must not be blank");
            }
            if (!JobKind.validName(name)) {
                throw new IllegalArgumentException(where + ": a kind name is 1-64 characters of letters, digits, "
                        + "'_', '-' or '.'");
            }
            JsonNode w = k.get("weights");
            if (w == null || !w.isArray() || w.size() != strategies.size()) {
                throw new IllegalArgumentException(where + ".weights: expected " + strategies.size() + " rows");
            }
            // A file from a version with fewer features gets 0 weights in the new columns: the
            // policy then decides exactly as it did when the file was written.
            double[][] m = new double[strategies.size()][LearnedPolicy.FEATURES.size()];
            for (int r = 0; r < m.length; r++) {
                JsonNode row = w.get(r);
                if (!row.isArray() || row.size() != features.size()) {
                    throw new IllegalArgumentException(where + ".weights[" + r + "]: expected " + features.size()
                            + " numbers");
                }
                for (int c = 0; c < features.size(); c++) {
                    m[r][c] = finite(row.get(c), where + ".weights[" + r + "][" + c + "]");
                }
            }
            double baseline = finite(k.get("baseline"), where + ".baseline");
            kinds.put(e.getKey(), new Kind(m, baseline, count(k, "updates", where + ".updates")));
        }
        return new LearnedWeights(strategies, LearnedPolicy.FEATURES, updates, kinds);
    }

    private static List<String> strings(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException(field + ": expected an array of names");
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode s : n) {
            if (!s.isTextual()) {
                throw new IllegalArgumentException(field + ": expected names, found " + s);
            }
            out.add(s.asText());
        }
        return out;
    }

    private static double finite(JsonNode n, String where) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue()) || Math.abs(n.doubleValue()) > MAX_ABS) {
            throw new IllegalArgumentException(where + ": expected a finite number within ±" + MAX_ABS + ", was " + n);
        }
        return n.doubleValue();
    }

    private static long count(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber() || n.longValue() < 0) {
            throw new IllegalArgumentException(where + ": expected a whole number >= 0, was " + n);
        }
        return n.longValue();
    }
}
