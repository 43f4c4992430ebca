package dev.helixrouter.bench.shootout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * One system × phase line of the results, as named columns (the CSV's), so that medians over
 * seeds and both output formats treat every metric alike.
 */
public record Row(String system, String phase, SequencedMap<String, Double> values) {

    /** The CSV's metric columns, in order. */
    public static final List<String> COLUMNS = columns();

    /** Copies the values. */
    public Row {
        values = new LinkedHashMap<>(values);
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("submitted", "completed", "dropped", "failed", "met", "goodput"));
        for (JobClass k : JobClass.values()) {
            c.add("goodput_" + k.label());
        }
        c.addAll(List.of("cpu_goodput_cores", "ceiling", "of_ceiling", "tiny_p50_ms", "tiny_p99_ms", "tiny_p999_ms",
                "medium_p50_ms", "medium_p99_ms", "medium_p999_ms", "drop_rate", "late_rate", "wasted_cpu_cores",
                "recovery_s"));
        return List.copyOf(c);
    }

    /** The row of {@code r} for {@code system}, with the system's recovery time. */
    public static Row of(String system, PhaseResult r, double recoverySeconds) {
        SequencedMap<String, Double> v = new LinkedHashMap<>();
        v.put("submitted", (double) r.submitted());
        v.put("completed", (double) r.completed());
        v.put("dropped", (double) r.dropped());
        v.put("failed", (double) r.failed());
        v.put("met", (double) r.met());
        v.put("goodput", r.goodput());
        for (JobClass k : JobClass.values()) {
            v.put("goodput_" + k.label(), r.classGoodput().get(k));
        }
        v.put("cpu_goodput_cores", r.cpuGoodput());
        v.put("ceiling", r.ceiling());
        v.put("of_ceiling", r.ofCeiling());
        v.put("tiny_p50_ms", r.tiny().p50());
        v.put("tiny_p99_ms", r.tiny().p99());
        v.put("tiny_p999_ms", r.tiny().p999());
        v.put("medium_p50_ms", r.medium().p50());
        v.put("medium_p99_ms", r.medium().p99());
        v.put("medium_p999_ms", r.medium().p999());
        v.put("drop_rate", r.dropRate());
        v.put("late_rate", r.lateRate());
        v.put("wasted_cpu_cores", r.wastedCpu());
        v.put("recovery_s", recoverySeconds);
        return new Row(system, r.phase(), v);
    }

    /** The value of {@code column} (NaN if absent). */
    public double get(String column) {
        return values.getOrDefault(column, Double.NaN);
    }

    /**
     * Per column, the median over {@code runs} (one list of rows per seed, in the same order);
     * NaN values (no data) are left out, and a column that is NaN in every run stays NaN; an
     * infinite recovery time (never recovered) takes part as the largest value.
     */
    public static List<Row> medians(List<List<Row>> runs) {
        List<Row> first = runs.getFirst();
        List<Row> out = new ArrayList<>();
        for (int r = 0; r < first.size(); r++) {
            SequencedMap<String, Double> v = new LinkedHashMap<>();
            for (String c : first.get(r).values().keySet()) {
                int row = r;
                v.put(c, median(runs.stream().mapToDouble(run -> run.get(row).get(c)).toArray()));
            }
            out.add(new Row(first.get(r).system(), first.get(r).phase(), v));
        }
        return out;
    }

    /** The median of the values that are not NaN, or NaN if there are none. */
    static double median(double[] values) {
        double[] xs = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (xs.length == 0) {
            return Double.NaN;
        }
        int m = xs.length / 2;
        return xs.length % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
    }
}
