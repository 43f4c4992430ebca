package dev.helixrouter.bench.micro;

import java.util.List;

/**
 * One row of the micro table of BENCHMARKS.md: which JMH benchmark is measured, against which
 * baseline of the same run, and how the pair is judged.
 *
 * @param row       the design's wording
 * @param benchmark the measured benchmark, {@code Class.method}
 * @param baseline  the baseline in the same run, or null for an absolute bound
 * @param measure   how the pair becomes the figure compared with the bound
 * @param bound     the target
 * @param unit      unit of the figure, for the table
 */
public record MicroTarget(String row, String benchmark, String baseline, Measure measure, double bound, String unit) {

    /** How a score and its baseline make the figure; every figure must be at most the bound. */
    public enum Measure {
        /** The score itself. */
        SCORE,
        /** Score ÷ baseline. */
        RATIO,
        /** Score − baseline. */
        DIFFERENCE,
        /** Score ÷ baseline − 1. */
        RELATIVE_CHANGE;

        double apply(double score, double baseline) {
            return switch (this) {
                case SCORE -> score;
                case RATIO -> score / baseline;
                case DIFFERENCE -> score - baseline;
                case RELATIVE_CHANGE -> score / baseline - 1;
            };
        }
    }

    /** The figure for {@code score} (and {@code baseline}, NaN when there is none). */
    public double figure(double score, double baseline) {
        return measure.apply(score, baseline);
    }

    /** The rows, in the design's order. */
    public static final List<MicroTarget> ALL = List.of(
            new MicroTarget("heuristic choose (vs empty call)", "PolicyBench.heuristicChoose", "PolicyBench.emptyCall",
                    Measure.SCORE, 10, "ns/op"),
            new MicroTarget("learned-policy choose ÷ heuristic choose", "PolicyBench.learnedChoose",
                    "PolicyBench.heuristicChoose", Measure.RATIO, 20, "x"),
            new MicroTarget("submit inline − (direct call + two clock reads)", "SubmitBench.submitInline",
                    "SubmitBench.directCallWithTwoClockReads", Measure.DIFFERENCE, 250, "ns"),
            new MicroTarget("submit spawn + join ÷ Thread.ofVirtual().start + join", "HandOffBench.submitSpawnJoin",
                    "HandOffBench.virtualThreadStartJoin", Measure.RATIO, 1.25, "x"),
            new MicroTarget("submit cpu_pool + join ÷ ThreadPoolExecutor.submit + get", "HandOffBench.submitCpuPoolJoin",
                    "HandOffBench.executorSubmitGet", Measure.RATIO, 1.25, "x"),
            new MicroTarget("snapshot() read", "SnapshotBench.snapshotRead", null, Measure.SCORE, 50, "ns/op"),
            new MicroTarget("sampler interval close, every strategy and kind populated",
                    "SnapshotBench.samplerIntervalClose", null, Measure.SCORE, 1_000_000, "ns/op"),
            new MicroTarget("decision-event publish: submit inline, on ÷ off − 1", "SubmitBench.submitInline",
                    "SubmitBench.submitInlineWithoutDecisionEvents", Measure.RELATIVE_CHANGE, 0.10, "fraction"),
            new MicroTarget("500 concurrent submitters ÷ 1 submitter × 500, time per job",
                    "ContentionBench.concurrentSubmitters", "ContentionBench.oneSubmitter", Measure.RATIO, 1.0, "x"));
}
