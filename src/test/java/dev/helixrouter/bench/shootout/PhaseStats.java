package dev.helixrouter.bench.shootout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Computes a {@link PhaseResult} per phase from one replay. */
public final class PhaseStats {
    private PhaseStats() {
    }

    /** The results of every phase of {@code run}, on a machine of {@code cores} cores. */
    public static List<PhaseResult> of(Replayer.Run run, int cores) {
        List<PhaseResult> out = new ArrayList<>();
        LoadShape shape = run.trace().shape();
        for (LoadShape.Phase p : shape.phases()) {
            out.add(phase(run, p, cores));
        }
        return out;
    }

    private static PhaseResult phase(Replayer.Run run, LoadShape.Phase phase, int cores) {
        ShootoutTrace trace = run.trace();
        Outcomes o = run.outcomes();
        double seconds = phase.seconds();
        long submitted = 0;
        long completed = 0;
        long dropped = 0;
        long failed = 0;
        long met = 0;
        long late = 0;
        double metCpu = 0;
        double lateCpu = 0;
        Map<JobClass, Long> metByClass = new EnumMap<>(JobClass.class);
        Histogram tiny = new Histogram(3);
        Histogram medium = new Histogram(3);
        for (int i = trace.dueBy(phase.startNanos() - 1); i < trace.size() && phase.holds(trace.offsetNanos(i)); i++) {
            JobClass c = trace.jobClass(i);
            submitted++;
            switch (o.end(i)) {
                case COMPLETED -> {
                    completed++;
                    long latency = o.latencyNanos(i);
                    if (latency <= c.budgetNanos()) {
                        met++;
                        metCpu += c.cpuNanos();
                        metByClass.merge(c, 1L, Long::sum);
                    } else {
                        late++;
                        lateCpu += c.cpuNanos();
                    }
                    if (c == JobClass.TINY) {
                        tiny.recordValue(Math.max(0, latency));
                    } else if (c == JobClass.MEDIUM) {
                        medium.recordValue(Math.max(0, latency));
                    }
                }
                case DROPPED -> dropped++;
                case FAILED, PENDING -> failed++;
            }
        }
        Map<JobClass, Double> classGoodput = new EnumMap<>(JobClass.class);
        for (JobClass c : JobClass.values()) {
            classGoodput.put(c, metByClass.getOrDefault(c, 0L) / seconds);
        }
        return new PhaseResult(phase.name(), submitted, completed, dropped, failed, met, met / seconds, classGoodput,
                metCpu / 1e9 / seconds, percentiles(tiny), percentiles(medium), ratio(dropped, submitted),
                ratio(late, submitted), lateCpu / 1e9 / seconds, Ceiling.of(trace, phase, cores));
    }

    /** p50, p99 and p99.9 in milliseconds. */
    static PhaseResult.Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return PhaseResult.Percentiles.NONE;
        }
        return new PhaseResult.Percentiles(h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6);
    }

    private static double ratio(long n, long d) {
        return d == 0 ? 0 : (double) n / d;
    }
}
