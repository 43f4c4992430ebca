package dev.helixrouter.workload.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.kernel.Kernels;
import java.util.Objects;
import java.util.Set;

/**
 * How long each built-in kernel takes on one machine, as a function of a job's
 * {@code compute_cost}: the service times of the virtual-time mode and the basis of the
 * calibrated capacity λ* (SPEC §8).
 *
 * <p>Each kind has a straight {@link Line} in the kernel's <em>effective work</em>, the quantity
 * its running time is actually proportional to (see {@link #effectiveWork(JobKind, long)}):
 * <pre>service nanos = intercept + slope × effectiveWork(kind, cost)</pre>
 * Because the kernels clamp their work, the model is piecewise-linear in the cost itself: flat
 * below and above the clamp bounds, linear in between.
 *
 * <table class="striped">
 * <caption>Effective work per kind</caption>
 * <tr><th>kind</th><th>effective work</th><th>unit</th></tr>
 * <tr><td>{@code HashMix}</td><td>{@code max(cost / 64, 1)}</td><td>mixing rounds</td></tr>
 * <tr><td>{@code PrimeCount}</td><td>{@code clamp(cost, 10 000, 250 000)}</td><td>sieve limit</td></tr>
 * <tr><td>{@code MonteCarloRisk}</td><td>{@code clamp(cost / 200, 5 000, 50 000)}</td>
 *     <td>simulated returns</td></tr>
 * </table>
 *
 * <p><b>Other kinds.</b> A kind that is not built in has no kernel to measure. Rather than fail
 * in the middle of a simulation, the model treats it as {@code HashMix}: its effective work is
 * {@code max(cost / 64, 1)} and it uses the {@code HashMix} line, i.e. time grows linearly with
 * the declared cost without bound — the same assumption the engine's own service estimator
 * makes. Use {@link #isBuiltin(JobKind)} to find out whether a kind is modelled by measurement.
 *
 * <p><b>JSON.</b> {@link #toJson()} and {@link #fromJson(String)} read and write one object per
 * kind, so a scenario can carry an explicit model:
 * <pre>{"HashMix": {"intercept_nanos": 60.0, "slope_nanos": 1.9},
 *  "PrimeCount": {"intercept_nanos": 300.0, "slope_nanos": 0.8, "r2": 0.999},
 *  "MonteCarloRisk": {"intercept_nanos": 2000.0, "slope_nanos": 23.5}}</pre>
 * All three kinds are required; {@code r2} is optional (left out when a line was given rather
 * than fitted). Reading is strict: unknown keys, missing kinds and non-finite numbers are
 * refused with an {@link IllegalArgumentException} naming the path. A scenario's
 * {@code service_model} has this shape; the scenario reader checks it with the scenario's own
 * reporting (every problem at once, nearest keys suggested, slopes not negative).
 *
 * @param hashMix        the {@code HashMix} line, in nanoseconds per mixing round
 * @param primeCount     the {@code PrimeCount} line, in nanoseconds per unit of sieve limit
 * @param monteCarloRisk the {@code MonteCarloRisk} line, in nanoseconds per simulated return
 */
public record ServiceModel(Line hashMix, Line primeCount, Line monteCarloRisk) {

    /** JSON key of a line's {@link Line#interceptNanos()}. */
    public static final String INTERCEPT = "intercept_nanos";
    /** JSON key of a line's {@link Line#slopeNanos()}. */
    public static final String SLOPE = "slope_nanos";
    /** JSON key of a line's {@link Line#r2()}; optional. */
    public static final String R2 = "r2";
    private static final Set<String> LINE_KEYS = Set.of(INTERCEPT, SLOPE, R2);
    private static final Set<String> MODEL_KEYS = Set.of(
            JobKind.HASH_MIX.name(), JobKind.PRIME_COUNT.name(), JobKind.MONTE_CARLO_RISK.name());

    /** Checks that every line is present. */
    public ServiceModel {
        Objects.requireNonNull(hashMix, "hashMix");
        Objects.requireNonNull(primeCount, "primeCount");
        Objects.requireNonNull(monteCarloRisk, "monteCarloRisk");
    }

    /**
     * A fitted (or given) service time, linear in a kernel's effective work.
     *
     * @param interceptNanos the line's value at zero work, in nanoseconds; a fit makes it
     *                       negative when the kernel's time grows a little faster than linearly
     *                       (the sieve and the quantile heap do), so read it as a coefficient,
     *                       not as a fixed cost per call
     * @param slopeNanos     nanoseconds per unit of effective work
     * @param r2             coefficient of determination of the fit, in [0, 1], or {@code NaN}
     *                       when the line was given rather than fitted
     */
    public record Line(double interceptNanos, double slopeNanos, double r2) {

        /** Checks that the coefficients are finite and {@code r2} is NaN or in [0, 1]. */
        public Line {
            if (!Double.isFinite(interceptNanos)) {
                throw new IllegalArgumentException("interceptNanos must be finite, was " + interceptNanos);
            }
            if (!Double.isFinite(slopeNanos)) {
                throw new IllegalArgumentException("slopeNanos must be finite, was " + slopeNanos);
            }
            if (!Double.isNaN(r2) && !(r2 >= 0.0 && r2 <= 1.0)) {
                throw new IllegalArgumentException("r2 must be NaN or within 0-1, was " + r2);
            }
        }

        /** A line given rather than fitted ({@code r2} is NaN). */
        public static Line of(double interceptNanos, double slopeNanos) {
            return new Line(interceptNanos, slopeNanos, Double.NaN);
        }

        /** Whether this line came from a fit (it has an {@code r2}). */
        public boolean fitted() {
            return !Double.isNaN(r2);
        }

        /** The line's value at {@code work}: {@code intercept + slope × work} nanoseconds. */
        public double nanosAt(double work) {
            return interceptNanos + slopeNanos * work;
        }

        /**
         * The ordinary-least-squares line through the points {@code (work[i], nanos[i])}.
         *
         * <p>Sums are taken about the means (two passes), which keeps the fit exact to rounding
         * for points that lie on a line, even when the work values are large.
         *
         * @throws IllegalArgumentException if the arrays differ in length, hold a non-finite
         *         value, or fewer than two distinct work values (the slope is undefined)
         */
        public static Line fit(double[] work, double[] nanos) {
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(nanos, "nanos");
            if (work.length != nanos.length) {
                throw new IllegalArgumentException(
                        "work and nanos must have equal lengths, were " + work.length + " and " + nanos.length);
            }
            int n = work.length;
            double sumX = 0;
            double sumY = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(work[i]) || !Double.isFinite(nanos[i])) {
                    throw new IllegalArgumentException(
                            "point " + i + " is not finite: (" + work[i] + ", " + nanos[i] + ")");
                }
                sumX += work[i];
                sumY += nanos[i];
            }
            double meanX = sumX / n;
            double meanY = sumY / n;
            double sxx = 0;
            double sxy = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                double dx = work[i] - meanX;
                double dy = nanos[i] - meanY;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
            if (n < 2 || !(sxx > 0)) {
                throw new IllegalArgumentException("a line needs at least two distinct work values, had " + n
                        + " point(s)" + (n >= 2 ? " all at work " + work[0] : ""));
            }
            double slope = sxy / sxx;
            double intercept = meanY - slope * meanX;
            double ssRes = 0;
            for (int i = 0; i < n; i++) {
                double r = nanos[i] - (intercept + slope * work[i]);
                ssRes += r * r;
            }
            // All-equal times are fitted exactly by a flat line: call that a perfect fit rather
            // than 0/0. Clamping hides rounding that would put r² a hair outside [0, 1].
            double r2 = syy == 0 ? 1.0 : Math.clamp(1.0 - ssRes / syy, 0.0, 1.0);
            return new Line(intercept, slope, r2);
        }
    }

    /** Whether {@code kind} is one of the three built-in kinds this model measures. */
    public static boolean isBuiltin(JobKind kind) {
        return Kernels.isBuiltin(kind);
    }

    /**
     * The quantity the kernel of {@code kind}'s running time is proportional to, for a job of
     * cost {@code cost}: {@code HashMix} rounds {@code max(cost / 64, 1)}, {@code PrimeCount}
     * sieve limit {@code clamp(cost, 10 000, 250 000)}, {@code MonteCarloRisk} returns
     * {@code clamp(cost / 200, 5 000, 50 000)}; any other kind is counted like {@code HashMix}.
     *
     * @throws IllegalArgumentException if {@code cost < 0}
     */
    public static long effectiveWork(JobKind kind, long cost) {
        Objects.requireNonNull(kind, "kind");
        if (cost < 0) {
            throw new IllegalArgumentException("compute_cost must be >= 0, was " + cost);
        }
        if (kind == JobKind.PRIME_COUNT) {
            return Math.clamp(cost, Kernels.PRIME_MIN_LIMIT, Kernels.PRIME_MAX_LIMIT);
        } else if (kind == JobKind.MONTE_CARLO_RISK) {
            return Math.clamp(cost / Kernels.RISK_COST_PER_SAMPLE, Kernels.RISK_MIN_SAMPLES, Kernels.RISK_MAX_SAMPLES);
        }
        return Math.max(cost / Kernels.HASH_COST_PER_ROUND, 1);
    }

    /** The line used for {@code kind}: its own for a built-in kind, else the {@code HashMix} line. */
    public Line line(JobKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (kind == JobKind.PRIME_COUNT) {
            return primeCount;
        } else if (kind == JobKind.MONTE_CARLO_RISK) {
            return monteCarloRisk;
        }
        return hashMix;
    }

    /**
     * The modelled service time of one job of {@code kind} and {@code cost}, in nanoseconds,
     * rounded and at least 1 (a fitted line may dip below zero at tiny work, and every job
     * should take some time in a simulation).
     *
     * @throws IllegalArgumentException if {@code cost < 0}
     */
    public long serviceNanos(JobKind kind, long cost) {
        double nanos = line(kind).nanosAt(effectiveWork(kind, cost));
        return Math.max(1, Math.round(nanos));
    }

    /** {@link #serviceNanos(JobKind, long)} of the job's kind and cost. */
    public long serviceNanos(Job job) {
        return serviceNanos(job.kind(), job.computeCost());
    }

    /**
     * The mean modelled service time of the jobs in {@code sample}, in nanoseconds.
     *
     * @throws IllegalArgumentException if the sample is empty
     */
    public double meanServiceNanos(Iterable<Job> sample) {
        Objects.requireNonNull(sample, "sample");
        double sum = 0;
        long n = 0;
        for (Job job : sample) {
            sum += serviceNanos(job);
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("sample must hold at least one job");
        }
        return sum / n;
    }

    /**
     * The calibrated capacity λ* of a machine of {@code cores} processors for the workload that
     * {@code sample} represents: {@code cores ÷ mean service time}, in jobs per second (SPEC §8).
     * It is the rate at which every core is busy all the time; rates in scenarios are multiples
     * of it.
     *
     * @throws IllegalArgumentException if {@code cores < 1} or the sample is empty
     */
    public double capacityJobsPerSec(int cores, Iterable<Job> sample) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, was " + cores);
        }
        return cores * 1e9 / meanServiceNanos(sample);
    }

    // ---- JSON ----

    /** This model as a JSON tree, to embed in a larger document (a scenario, the cache file). */
    public ObjectNode toJsonTree() {
        ObjectNode root = CalibrationJson.NODES.objectNode();
        root.set(JobKind.HASH_MIX.name(), lineTree(hashMix));
        root.set(JobKind.PRIME_COUNT.name(), lineTree(primeCount));
        root.set(JobKind.MONTE_CARLO_RISK.name(), lineTree(monteCarloRisk));
        return root;
    }

    /** This model as a pretty-printed JSON document. */
    public String toJson() {
        return CalibrationJson.write(toJsonTree());
    }

    /**
     * Reads a model from a JSON document of the shape {@link #toJson()} writes.
     *
     * @throws IllegalArgumentException if the document is malformed or not a valid model; the
     *         message names the offending path
     */
    public static ServiceModel fromJson(String json) {
        return fromJsonTree(CalibrationJson.parse(json, "service model"), "");
    }

    /**
     * Reads a model from a JSON tree, for documents embedded in others.
     *
     * @throws IllegalArgumentException if the tree is not a valid model; the message names the
     *         offending path
     */
    public static ServiceModel fromJsonTree(JsonNode node) {
        return fromJsonTree(node, "");
    }

    static ServiceModel fromJsonTree(JsonNode node, String path) {
        ObjectNode root = CalibrationJson.object(node, path.isEmpty() ? "service model" : path);
        CalibrationJson.onlyKeys(root, path, MODEL_KEYS);
        return new ServiceModel(
                readLine(root, path, JobKind.HASH_MIX.name()),
                readLine(root, path, JobKind.PRIME_COUNT.name()),
                readLine(root, path, JobKind.MONTE_CARLO_RISK.name()));
    }

    private static ObjectNode lineTree(Line line) {
        ObjectNode node = CalibrationJson.NODES.objectNode();
        node.put(INTERCEPT, line.interceptNanos());
        node.put(SLOPE, line.slopeNanos());
        if (line.fitted()) {
            node.put(R2, line.r2()); // NaN is not JSON: a given line simply has no r2
        }
        return node;
    }

    private static Line readLine(ObjectNode root, String path, String kind) {
        String at = CalibrationJson.child(path, kind);
        ObjectNode node = CalibrationJson.object(CalibrationJson.required(root, path, kind), at);
        CalibrationJson.onlyKeys(node, at, LINE_KEYS);
        double intercept = CalibrationJson.finiteNumber(node, at, INTERCEPT);
        double slope = CalibrationJson.finiteNumber(node, at, SLOPE);
        double r2 = Double.NaN;
        if (node.hasNonNull(R2)) {
            r2 = CalibrationJson.finiteNumber(node, at, R2);
            if (r2 < 0 || r2 > 1) {
                throw new IllegalArgumentException(CalibrationJson.child(at, R2) + ": must be within 0-1, was " + r2);
            }
        }
        return new Line(intercept, slope, r2);
    }
}
