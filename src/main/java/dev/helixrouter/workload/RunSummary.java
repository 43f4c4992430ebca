package dev.helixrouter.workload;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import java.util.Locale;

/**
 * The end-of-run summary in the original HelixRouter's shape, followed by a latency table per
 * strategy:
 *
 * <pre>
 * == HelixRouter summary ==
 * completed: 160
 * dropped:   40
 * routed[cpu_pool]: 126
 * ...
 * </pre>
 */
public final class RunSummary {
    private RunSummary() {}

    /** The summary text of {@code s} (ends with a newline). */
    public static String render(RouterSnapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append("== HelixRouter summary ==\n");
        sb.append("completed: ").append(s.completed()).append('\n');
        sb.append("dropped:   ").append(s.dropped()).append('\n');
        sb.append("failed:    ").append(s.failed()).append('\n');
        for (Strategy st : Strategy.values()) {
            sb.append("routed[").append(st.wireName()).append("]: ").append(s.routed(st)).append('\n');
        }
        for (DropReason r : DropReason.values()) {
            long n = s.droppedByReason().getOrDefault(r, 0L);
            if (n > 0) {
                sb.append("dropped[").append(r.wireName()).append("]: ").append(n).append('\n');
            }
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-9s %8s %8s %8s %9s %9s %9s %9s %9s%n",
                "strategy", "count", "met", "late", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (Strategy st : Strategy.values()) {
            if (st == Strategy.DROP) {
                continue;
            }
            StrategyStats x = s.strategy(st);
            LatencyStats l = x.latency();
            sb.append(String.format(Locale.ROOT, "%-9s %8d %8d %8d %9s %9s %9s %9s %9s%n", st.wireName(),
                    l.count(), x.met(), x.late(), ms(l, l.meanMicros()), ms(l, l.p50Micros()),
                    ms(l, l.p95Micros()), ms(l, l.p99Micros()), ms(l, l.maxMicros())));
        }
        return sb.toString();
    }

    private static String ms(LatencyStats l, double micros) {
        if (l.count() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
