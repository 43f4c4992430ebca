package dev.helixrouter.bench.shootout;

import java.util.Map;

/**
 * One system's numbers for one phase, over the jobs whose intended start falls in the phase.
 * Rates are per second of the phase; latencies in milliseconds, of completed jobs (NaN when none
 * completed); CPU figures from the jobs' declared work, in cores (core-seconds per second).
 *
 * @param submitted        jobs of the phase
 * @param completed        jobs that ran to the end (in budget or late)
 * @param dropped          jobs the system refused or shed
 * @param failed           jobs whose work failed or never finished
 * @param met              completed within budget
 * @param goodput          met jobs per second
 * @param classGoodput     met jobs per second, per class
 * @param cpuGoodput       declared CPU of met jobs per second, in cores
 * @param tiny             latency percentiles of tiny jobs
 * @param medium           latency percentiles of medium jobs
 * @param dropRate         dropped ÷ submitted
 * @param lateRate         late completions ÷ submitted
 * @param wastedCpu        declared CPU of late completions per second, in cores
 * @param ceiling          the phase's goodput ceiling, jobs per second
 */
public record PhaseResult(String phase, long submitted, long completed, long dropped, long failed, long met,
                          double goodput, Map<JobClass, Double> classGoodput, double cpuGoodput,
                          Percentiles tiny, Percentiles medium, double dropRate, double lateRate,
                          double wastedCpu, double ceiling) {

    /** Latency percentiles in milliseconds (NaN when there were none). */
    public record Percentiles(double p50, double p99, double p999) {
        /** No latencies. */
        public static final Percentiles NONE = new Percentiles(Double.NaN, Double.NaN, Double.NaN);
    }

    /** Copies the map. */
    public PhaseResult {
        classGoodput = Map.copyOf(classGoodput);
    }

    /** Goodput as a fraction of the ceiling. */
    public double ofCeiling() {
        return ceiling > 0 ? goodput / ceiling : Double.NaN;
    }
}
