package dev.helixrouter.bench.shootout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.helixrouter.bench.Machine;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a shootout's results: the markdown report and the CSV files. */
public final class ShootoutReport {
    private ShootoutReport() {
    }

    /** Writes {@code shootout.md}, {@code shootout.csv} and one CSV per seed into the output directory; returns the markdown's path. */
    public static Path write(Shootout.Result r) throws IOException {
        Path dir = r.options().out();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("shootout.csv"), csv(r.medians()), StandardCharsets.UTF_8);
        for (int s = 0; s < r.perSeed().size(); s++) {
            Files.writeString(dir.resolve("shootout-seed-" + r.seedsAndJobs().get(s)[0] + ".csv"),
                    csv(r.perSeed().get(s)), StandardCharsets.UTF_8);
        }
        Path md = dir.resolve("shootout.md");
        Files.writeString(md, markdown(r), StandardCharsets.UTF_8);
        return md;
    }

    /** The CSV: one line per system × phase, every column of {@link Row#COLUMNS}. */
    public static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("system,phase,").append(String.join(",", Row.COLUMNS)).append('\n');
        for (Row row : rows) {
            b.append(row.system()).append(',').append(row.phase());
            for (String c : Row.COLUMNS) {
                b.append(',').append(csvNumber(row.get(c)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String csvNumber(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    /** The markdown report: how it was run, the main table, goodput per class, recovery, the targets. */
    public static String markdown(Shootout.Result r) {
        ShootoutOptions o = r.options();
        StringBuilder b = new StringBuilder();
        b.append("# Overload shootout\n\n");
        b.append("- date: ").append(r.startedAt()).append('\n');
        b.append("- machine: ").append(Machine.describe()).append('\n');
        b.append("- command: `").append(o.command()).append("`\n");
        b.append(String.format(Locale.ROOT, "- %d cores for every system, %d caller threads; lambda* = %.0f jobs/s "
                + "(cores / %.1f us mean CPU per job); CPU work: HashMix rounds at %.3f ns/round%n", o.cores(),
                o.callers(), r.lambdaStar(), JobClass.meanCpuNanos() / 1e3, r.spinNanosPerRound()));
        b.append("- phases: ").append(o.shape().phases().stream()
                .map(p -> String.format(Locale.ROOT, "%s %.2f s", p.name(), p.seconds()))
                .collect(Collectors.joining(", "))).append(o.quick() ? " (quick mode)" : "").append('\n');
        b.append("- seeds (jobs): ").append(r.seedsAndJobs().stream().map(s -> s[0] + " (" + s[1] + ")")
                .collect(Collectors.joining(", "))).append(r.perSeed().size() > 1 ? "; every figure is the median over the seeds" : "")
                .append('\n');
        if (r.unfinished() > 0 || r.conflicts() > 0) {
            b.append("- **warning**: ").append(r.unfinished()).append(" jobs unfinished at the drain limit (counted failed), ")
                    .append(r.conflicts()).append(" double ends\n");
        }
        b.append("\n## Goodput, latency, drops\n\n");
        b.append("goodput = jobs within budget per second; ceiling = cheapest-first bound from the trace; "
                + "CPU columns in cores (declared work per second); latencies in ms from the intended start.\n\n");
        b.append("| system | phase | goodput/s | of ceiling | CPU goodput | tiny p50 | tiny p99 | tiny p99.9 "
                + "| medium p50 | medium p99 | medium p99.9 | drop % | late % | wasted CPU |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : r.medians()) {
            b.append("| ").append(row.system()).append(" | ").append(row.phase());
            cells(b, row, "%.0f", "goodput");
            cells(b, row, "%.2f", "of_ceiling", "cpu_goodput_cores");
            cells(b, row, "%.2f", "tiny_p50_ms", "tiny_p99_ms", "tiny_p999_ms", "medium_p50_ms", "medium_p99_ms",
                    "medium_p999_ms");
            percentCells(b, row, "drop_rate", "late_rate");
            cells(b, row, "%.3f", "wasted_cpu_cores");
            b.append(" |\n");
        }
        b.append("\n## Goodput per class (jobs within budget per second)\n\n| system | phase | ceiling |");
        for (JobClass c : JobClass.values()) {
            b.append(' ').append(c.label()).append(" |");
        }
        b.append("\n|---|---|---:|").append("---:|".repeat(JobClass.values().length)).append('\n');
        for (Row row : r.medians()) {
            b.append("| ").append(row.system()).append(" | ").append(row.phase());
            cells(b, row, "%.0f", "ceiling");
            for (JobClass c : JobClass.values()) {
                cells(b, row, "%.0f", "goodput_" + c.label());
            }
            b.append(" |\n");
        }
        b.append("\n## Recovery after the 2x phase\n\n| system | recovery (s) |\n|---|---:|\n");
        for (Row row : r.medians()) {
            if (row.phase().equals(o.shape().phases().getLast().name())) {
                double s = row.get("recovery_s");
                b.append("| ").append(row.system()).append(" | ")
                        .append(Double.isInfinite(s) ? "never (within the run)" : String.format(Locale.ROOT, "%.2f", s))
                        .append(" |\n");
            }
        }
        b.append('\n').append(Targets.markdown(r.medians()));
        return b.toString();
    }

    private static void cells(StringBuilder b, Row row, String format, String... columns) {
        for (String c : columns) {
            b.append(" | ").append(format(format, row.get(c)));
        }
    }

    private static void percentCells(StringBuilder b, Row row, String... columns) {
        for (String c : columns) {
            b.append(" | ").append(format("%.1f", row.get(c) * 100));
        }
    }

    static String format(String format, double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, format, v);
    }
}
