package dev.helixrouter.lab.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helixrouter.lab.control.HeatmapData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the lab shows of the learned policy, read from the {@code learned_policy} extension of a
 * snapshot. The fields it reads (others are ignored; all are optional):
 *
 * <pre>{@code
 * {
 *   "epsilon": 0.05,                       // exploration rate now
 *   "samples": 123456,                     // outcomes learned from (or "updates")
 *   "strategies": ["inline", "spawn", "cpu_pool", "batch"],          // matrix rows
 *   "features": ["bias", "log_cost", ...],                           // matrix columns
 *   "weights": {"HashMix": [[...], ...], "PrimeCount": [[...], ...]}, // per kind, rows x columns
 *   "agreement": {"HashMix": 0.93, ...},   // share of decisions equal to the heuristic's, per kind
 *   "reward_curve": [0.1, 0.2, ...]        // or [{"t_secs": 1.0, "reward": 0.1}, ...]
 *   "mean_reward": 0.42                    // the latest mean reward, if there is no curve
 * }
 * }</pre>
 *
 * A single matrix for every kind may be given as {@code "weights": [[...], ...]}.
 *
 * @param epsilon     exploration rate; NaN if not published
 * @param samples     outcomes learned from; -1 if not published
 * @param weights     weight matrix per kind (rows: strategies, columns: features), in published order
 * @param agreement   per kind, share of decisions equal to the heuristic's (0–1)
 * @param rewardCurve the reward curve as (x, reward) pairs; x is time in seconds or a sample index
 * @param meanReward  the latest mean reward; NaN if not published
 */
public record LearnedPolicyState(double epsilon, long samples, Map<String, HeatmapData> weights,
                                 Map<String, Double> agreement, List<double[]> rewardCurve, double meanReward) {

    /** The extension's name in {@code RouterSnapshot.extensions()}. */
    public static final String EXTENSION = "learned_policy";
    /** Matrix rows when the state does not name them. */
    public static final List<String> DEFAULT_STRATEGIES = List.of("inline", "spawn", "cpu_pool", "batch");
    /** Matrix columns when the state does not name them (SPEC §7). */
    public static final List<String> DEFAULT_FEATURES = List.of("bias", "log_cost", "scaling", "log_budget",
            "blocking", "pressure", "saturation", "queue_fill", "cost_1k", "cost_8k", "cost_63k", "cost_500k",
            "heuristic_choice");

    /** Copies the collections. */
    public LearnedPolicyState {
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        agreement = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agreement));
        rewardCurve = List.copyOf(rewardCurve);
    }

    /**
     * Reads the state from the extension's value.
     *
     * @throws IllegalArgumentException if it is not a JSON object or a matrix has the wrong shape
     */
    public static LearnedPolicyState from(Object extensionValue) {
        JsonNode n = ExtensionJson.tree(extensionValue);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("learned_policy: expected an object, was "
                    + (n == null ? "null" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<String> rows = ExtensionJson.strings(n, "strategies", DEFAULT_STRATEGIES);
        List<String> cols = ExtensionJson.strings(n, "features", DEFAULT_FEATURES);
        Map<String, HeatmapData> weights = new LinkedHashMap<>();
        JsonNode w = n.get("weights");
        if (w != null && w.isArray()) {
            weights.put("all kinds", matrix("weights", w, rows, cols));
        } else if (w != null && w.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                weights.put(e.getKey(), matrix("weights." + e.getKey(), e.getValue(), rows, cols));
            }
        }
        Map<String, Double> agreement = new LinkedHashMap<>();
        JsonNode a = n.get("agreement");
        if (a != null && a.isObject()) {
            a.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    agreement.put(e.getKey(), e.getValue().doubleValue());
                }
            });
        } else if (a != null && a.isNumber()) {
            agreement.put("all kinds", a.doubleValue());
        }
        List<double[]> curve = new ArrayList<>();
        JsonNode c = n.get("reward_curve");
        if (c != null && c.isArray()) {
            int i = 0;
            for (JsonNode p : c) {
                if (p.isNumber()) {
                    curve.add(new double[] {i, p.doubleValue()});
                } else if (p.isObject()) {
                    double x = ExtensionJson.number(p, "t_secs", "t", "samples", "x");
                    double y = ExtensionJson.number(p, "reward", "y", "value");
                    if (Double.isFinite(y)) {
                        curve.add(new double[] {Double.isFinite(x) ? x : i, y});
                    }
                }
                i++;
            }
        }
        double samples = ExtensionJson.number(n, "samples", "updates");
        return new LearnedPolicyState(ExtensionJson.number(n, "epsilon"),
                Double.isFinite(samples) ? (long) samples : -1, weights, agreement, curve,
                ExtensionJson.number(n, "mean_reward", "reward"));
    }

    private static HeatmapData matrix(String where, JsonNode m, List<String> rows, List<String> cols) {
        List<String> rowLabels = rows;
        List<JsonNode> rowNodes = new ArrayList<>();
        if (m.isArray()) {
            m.forEach(rowNodes::add);
        } else if (m.isObject()) {
            rowLabels = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                rowLabels.add(e.getKey());
                rowNodes.add(e.getValue());
            }
        } else {
            throw new IllegalArgumentException("learned_policy." + where + ": expected a matrix (an array of rows)");
        }
        if (rowNodes.size() != rowLabels.size()) {
            throw new IllegalArgumentException("learned_policy." + where + ": " + rowNodes.size() + " rows for "
                    + rowLabels.size() + " strategies " + rowLabels);
        }
        int width = rowNodes.isEmpty() ? 0 : rowNodes.getFirst().size();
        List<String> colLabels = cols.size() == width ? cols : numbered(width);
        double[][] values = new double[rowNodes.size()][width];
        for (int r = 0; r < rowNodes.size(); r++) {
            JsonNode row = rowNodes.get(r);
            if (!row.isArray() || row.size() != width) {
                throw new IllegalArgumentException("learned_policy." + where + "[" + r + "]: expected " + width
                        + " numbers");
            }
            for (int c = 0; c < width; c++) {
                values[r][c] = row.get(c).isNumber() ? row.get(c).doubleValue() : Double.NaN;
            }
        }
        return new HeatmapData(rowLabels, colLabels, values);
    }

    private static List<String> numbered(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("f" + i);
        }
        return out;
    }
}
