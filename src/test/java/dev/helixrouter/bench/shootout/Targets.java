package dev.helixrouter.bench.shootout;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The design's targets for the adaptive router, checked on a results table: at 2λ*, ≥ 1.3× the
 * best library system (1–6), ≥ 0.95× the static router, ≥ 0.85 of the ceiling, never below the
 * heuristic; and its tiny-job p99 in every phase, against the 1 ms budget. Figures only — a
 * target is reported as met or missed, never asserted.
 */
public final class Targets {
    private static final String OVERLOAD = "2x";

    private Targets() {
    }

    /** One target: what it compares, the measured ratio and the bound. */
    public record Check(String what, double measured, double bound, boolean atLeast) {
        /** Whether the measurement meets the bound. */
        public boolean met() {
            return atLeast ? measured >= bound : measured <= bound;
        }
    }

    /** The checks that can be made from {@code rows} (a system missing from the run drops its checks). */
    public static List<Check> checks(List<Row> rows) {
        Optional<Row> adaptive = find(rows, SystemKind.HELIX_ADAPTIVE, OVERLOAD);
        if (adaptive.isEmpty()) {
            return List.of();
        }
        double g = adaptive.get().get("goodput");
        java.util.ArrayList<Check> out = new java.util.ArrayList<>();
        rows.stream().filter(r -> r.phase().equals(OVERLOAD) && SystemKind.ofLabel(r.system()).isLibrary())
                .mapToDouble(r -> r.get("goodput")).max()
                .ifPresent(best -> out.add(new Check("adaptive ÷ best library system (1-6)", g / best, 1.3, true)));
        find(rows, SystemKind.STATIC_ROUTER, OVERLOAD)
                .ifPresent(s -> out.add(new Check("adaptive ÷ static router", g / s.get("goodput"), 0.95, true)));
        out.add(new Check("adaptive, fraction of the ceiling", adaptive.get().get("of_ceiling"), 0.85, true));
        find(rows, SystemKind.HELIX_HEURISTIC, OVERLOAD)
                .ifPresent(h -> out.add(new Check("adaptive ÷ heuristic (busy gate)", g / h.get("goodput"), 1.0, true)));
        for (Row r : rows) {
            if (r.system().equals(SystemKind.HELIX_ADAPTIVE.label())) {
                out.add(new Check("adaptive tiny p99 (ms), phase " + r.phase(), r.get("tiny_p99_ms"),
                        JobClass.TINY.budgetMs(), false));
            }
        }
        return out;
    }

    private static Optional<Row> find(List<Row> rows, SystemKind kind, String phase) {
        return rows.stream().filter(r -> r.system().equals(kind.label()) && r.phase().equals(phase)).findFirst();
    }

    /** The checks as a markdown section. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("## Targets (BENCHMARKS.md), at the 2x phase\n\n");
        List<Check> checks = checks(rows);
        if (checks.isEmpty()) {
            return b.append("helix-adaptive was not in this run.\n").toString();
        }
        b.append("| target | measured | bound | |\n|---|---:|---:|---|\n");
        for (Check c : checks) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s %.2f | %s |%n", c.what(),
                    ShootoutReport.format("%.2f", c.measured()), c.atLeast() ? "≥" : "≤", c.bound(),
                    c.met() ? "met" : "**missed**"));
        }
        return b.toString();
    }
}
