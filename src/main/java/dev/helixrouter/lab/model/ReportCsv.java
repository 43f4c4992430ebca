package dev.helixrouter.lab.model;

import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import java.util.List;
import java.util.Locale;

/**
 * The run report as CSV: a header line, then one line per strategy, since the run began. Meant
 * for a spreadsheet; the JSON report ({@code RunReport}) has everything else.
 *
 * <p>Columns, in order (latencies in milliseconds with three decimals, empty when the strategy
 * completed no job; {@code share} is a fraction 0–1 of all routed jobs):
 * {@value #HEADER}. {@code queue_wait_p95_ms} and {@code service_p95_ms} split the p95 latency
 * of queued strategies into the wait before running and the run itself; they are empty for
 * {@code inline} and {@code spawn} if not recorded. Lines end with {@code \n}; the file is
 * UTF-8 and needs no quoting (no field holds a comma).
 */
public final class ReportCsv {
    /** The header line. */
    public static final String HEADER = "strategy,routed,share,completed,met,late,failed,mean_ms,p50_ms,p95_ms,p99_ms,"
            + "p999_ms,max_ms,ema_ms,queue_wait_p95_ms,service_p95_ms";
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of(HEADER.split(","));

    private ReportCsv() {}

    /** The CSV text of {@code s}. */
    public static String of(RouterSnapshot s) {
        long total = 0;
        for (Strategy st : Strategy.values()) {
            total += s.routed(st);
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Strategy st : Strategy.values()) {
            StrategyStats x = s.strategy(st);
            LatencyStats l = x.latency();
            sb.append(st.wireName()).append(',')
                    .append(x.routed()).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", total > 0 ? (double) x.routed() / total : 0.0)).append(',')
                    .append(x.completed()).append(',')
                    .append(x.met()).append(',')
                    .append(x.late()).append(',')
                    .append(x.failed()).append(',')
                    .append(ms(l, l.meanMicros())).append(',')
                    .append(ms(l, l.p50Micros())).append(',')
                    .append(ms(l, l.p95Micros())).append(',')
                    .append(ms(l, l.p99Micros())).append(',')
                    .append(ms(l, l.p999Micros())).append(',')
                    .append(ms(l, l.maxMicros())).append(',')
                    .append(ms(l, l.emaMicros())).append(',')
                    .append(ms(x.queueWait(), x.queueWait().p95Micros())).append(',')
                    .append(ms(x.service(), x.service().p95Micros())).append('\n');
        }
        return sb.toString();
    }

    private static String ms(LatencyStats l, double micros) {
        if (l.count() == 0 || !Double.isFinite(micros)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
