package dev.helixrouter.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results ({@code -rf json}) into the micro table of BENCHMARKS.md: each row's
 * score, its baseline from the same run, the figure compared with the target, and met or missed.
 * Scores are JMH's primary metric (average time per op, with its 99.9 % error).
 */
public final class MicroReport {
    private static final String PACKAGE = "dev.helixrouter.bench.";

    private MicroReport() {
    }

    /** A benchmark's score and error, in its own unit. */
    public record Score(double score, double error, String unit) {}

    /** Reads the scores of a JMH JSON result file, by {@code Class.method}. */
    public static Map<String, Score> read(String json) throws IOException {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (JsonNode n : new ObjectMapper().readTree(json)) {
            String name = n.path("benchmark").asText();
            if (name.startsWith(PACKAGE)) {
                name = name.substring(PACKAGE.length());
            }
            JsonNode m = n.path("primaryMetric");
            scores.put(name, new Score(m.path("score").asDouble(Double.NaN), m.path("scoreError").asDouble(Double.NaN),
                    m.path("scoreUnit").asText()));
        }
        return scores;
    }

    /** The markdown table of every row; a row whose benchmarks did not run says so. */
    public static String markdown(Map<String, Score> scores) {
        StringBuilder b = new StringBuilder(
                "| row | score | baseline | figure | target | |\n|---|---:|---:|---:|---:|---|\n");
        for (MicroTarget t : MicroTarget.ALL) {
            Score s = scores.get(t.benchmark());
            Score base = t.baseline() == null ? null : scores.get(t.baseline());
            b.append("| ").append(t.row()).append(" | ");
            if (s == null || (t.baseline() != null && base == null)) {
                b.append("not run | | | ≤ ").append(number(t.bound())).append(' ').append(t.unit()).append(" | |\n");
                continue;
            }
            double figure = t.figure(s.score(), base == null ? Double.NaN : base.score());
            b.append(scoreText(s)).append(" | ").append(base == null ? "—" : scoreText(base)).append(" | ")
                    .append(number(figure)).append(' ').append(t.unit()).append(" | ≤ ").append(number(t.bound()))
                    .append(' ').append(t.unit()).append(" | ").append(figure <= t.bound() ? "met" : "**missed**")
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String scoreText(Score s) {
        return number(s.score()) + " ± " + number(s.error()) + " " + s.unit();
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        String f = a >= 1000 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    /** Prints the table of a JSON result file: {@code MicroReport FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MicroReport JMH_RESULT.json");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            System.err.println("MicroReport: " + file + ": no such file");
            System.exit(2);
        }
        System.out.print(markdown(read(Files.readString(file))));
    }
}
