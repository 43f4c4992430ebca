package dev.helixrouter.workload.calibration;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.workload.JobGenerator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A plain-text report of a {@link Calibration}, for {@code run --calibrate} and the logs: the
 * machine, every measured point against its fitted value, the fitted lines with their r², and
 * the calibrated capacity λ* of the original workload.
 *
 * <p>The λ* of the report is always that of the <em>original</em> HelixRouter workload —
 * {@value #ORIGINAL_SAMPLE_SIZE} jobs of {@code new JobGenerator(}{@value #ORIGINAL_SEED}{@code )}
 * — at the calibrated machine's cores, so reports from two machines compare directly.
 *
 * <p>The text uses a few non-ASCII symbols (µ, λ, ², ×, ÷) and {@code \n} line ends; numbers
 * are formatted independently of the locale, with thousands grouped by spaces.
 */
public final class CalibrationReport {

    /** Seed of the generator whose jobs stand for the original workload. */
    public static final long ORIGINAL_SEED = 1;
    /** Number of jobs drawn to estimate the original workload's mean service time. */
    public static final int ORIGINAL_SAMPLE_SIZE = 20_000;

    private CalibrationReport() {}

    /** The first {@value #ORIGINAL_SAMPLE_SIZE} jobs of {@code new JobGenerator(1)}. */
    public static List<Job> originalWorkloadSample() {
        return new JobGenerator(ORIGINAL_SEED).take(ORIGINAL_SAMPLE_SIZE);
    }

    /**
     * λ* of the original workload under {@code model} on {@code cores} processors, in jobs per
     * second: {@link ServiceModel#capacityJobsPerSec(int, Iterable)} over
     * {@link #originalWorkloadSample()}.
     *
     * @throws IllegalArgumentException if {@code cores < 1}
     */
    public static double originalWorkloadCapacity(ServiceModel model, int cores) {
        return model.capacityJobsPerSec(cores, originalWorkloadSample());
    }

    /** The report, with λ* of the original workload at the calibrated machine's cores. */
    public static String render(Calibration calibration) {
        return render(calibration, originalWorkloadCapacity(calibration.model(), calibration.machine().cores()));
    }

    /**
     * The report, quoting {@code lambdaStar} as the original workload's λ* at the calibrated
     * machine's cores (see {@link #originalWorkloadCapacity(ServiceModel, int)}).
     *
     * @param lambdaStar jobs per second, finite and positive
     */
    public static String render(Calibration calibration, double lambdaStar) {
        Objects.requireNonNull(calibration, "calibration");
        if (!(lambdaStar > 0) || !Double.isFinite(lambdaStar)) {
            throw new IllegalArgumentException("lambdaStar must be finite and > 0, was " + lambdaStar);
        }
        ServiceModel model = calibration.model();
        int cores = calibration.machine().cores();
        StringBuilder out = new StringBuilder(2_048);
        out.append("HelixRouter capacity calibration\n");
        line(out, "  machine:      %s", calibration.machine().describe());
        line(out, "  calibrated:   %s", calibration.calibratedAt());
        line(out, "  fingerprint:  %s", calibration.fingerprint());
        out.append('\n');

        out.append("Measured points (median time of one call)\n");
        line(out, "  %-15s %12s %10s %13s %11s %8s", "kind", "cost", "work", "measured µs", "fitted µs", "error");
        for (Calibration.Point p : calibration.points()) {
            double fitted = model.line(p.kind()).nanosAt(p.work());
            String error = p.medianNanos() > 0
                    ? String.format(Locale.ROOT, "%+.1f %%", 100.0 * (fitted - p.medianNanos()) / p.medianNanos())
                    : "—";
            line(out, "  %-15s %12s %10s %13s %11s %8s", p.kind(), grouped(p.cost()), grouped(p.work()),
                    micros(p.medianNanos()), micros(fitted), error);
        }
        out.append('\n');

        out.append("Fitted lines: service time = intercept + slope × work\n");
        line(out, "  %-15s %-40s %13s %14s %8s", "kind", "work", "intercept µs", "slope ns/work", "r²");
        for (JobKind kind : Calibrator.KINDS) {
            ServiceModel.Line l = model.line(kind);
            line(out, "  %-15s %-40s %13s %14s %8s", kind, workDefinition(kind), micros(l.interceptNanos()),
                    String.format(Locale.ROOT, "%.4f", l.slopeNanos()),
                    l.fitted() ? String.format(Locale.ROOT, "%.5f", l.r2()) : "given");
        }
        out.append('\n');

        out.append("Capacity\n");
        line(out, "  λ* = %s jobs/s for the original workload on %d cores", grouped(Math.round(lambdaStar)), cores);
        line(out, "       (cores ÷ mean service time; mean %s µs over %s jobs of JobGenerator(%d))",
                micros(cores * 1e9 / lambdaStar), grouped(ORIGINAL_SAMPLE_SIZE), ORIGINAL_SEED);
        return out.toString();
    }

    private static String workDefinition(JobKind kind) {
        if (kind == JobKind.PRIME_COUNT) {
            return "sieve limit = clamp(cost, 10 000, 250 000)";
        } else if (kind == JobKind.MONTE_CARLO_RISK) {
            return "returns = clamp(cost/200, 5 000, 50 000)";
        }
        return "rounds = max(cost/64, 1)";
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** Nanoseconds as microseconds, with more decimals for small values. */
    private static String micros(double nanos) {
        double us = nanos / 1_000.0;
        return String.format(Locale.ROOT, Math.abs(us) < 10 ? "%.3f" : "%.1f", us);
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
