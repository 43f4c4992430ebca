package dev.helixrouter.workload;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The exact jobs of a run and their intended arrival offsets: replay it against another config
 * and both configs meet identical load (SPEC §8).
 *
 * <p>On disk a trace is JSON Lines, UTF-8, one {@code \n} after every line (format:
 * {@code docs/SCENARIOS.md}):
 * <pre>{@code
 * {"helixrouter_trace":1,"scenario":"overload","seed":42,"jobs":2,"lambda_star":12000.0,"load":1.0}
 * {"offset_ns":0,"id":1,"kind":"PrimeCount","inputs":[137868,129250],"compute_cost":46358,"scaling_potential":0.41,"latency_budget_ms":66,"blocking":false}
 * {"offset_ns":81233,"id":2,"kind":"HashMix","inputs":[18446744073709551615,3],"compute_cost":900,"scaling_potential":0.5,"latency_budget_ms":12,"blocking":true,"blocking_wait_ns":4100000}
 * }</pre>
 * Inputs are unsigned 64-bit values written as plain decimal numbers, up to 2^64 − 1. The same
 * trace always writes to the same bytes, so the same scenario, seed, λ* and load give
 * byte-identical files.
 *
 * <p>This class holds a whole trace in memory; {@link TraceWriter} and {@link TraceReader}
 * stream one without doing so.
 *
 * @param header   the first line; its job count always equals {@code arrivals.size()}
 * @param arrivals the arrivals, offsets non-decreasing
 */
public record Trace(TraceHeader header, List<Arrival> arrivals) {

    /** The version written in the {@code helixrouter_trace} field, and the only one read. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Copies the arrivals, checks their order and fills in the header's job count.
     *
     * @throws IllegalArgumentException if offsets decrease, or the header announces another count
     */
    public Trace {
        Objects.requireNonNull(header, "header");
        arrivals = List.copyOf(arrivals);
        if (header.jobs().isPresent() && header.jobs().getAsLong() != arrivals.size()) {
            throw new IllegalArgumentException("the header announces " + header.jobs().getAsLong()
                    + " jobs but the trace holds " + arrivals.size());
        }
        header = header.withJobs(arrivals.size());
        for (int i = 1; i < arrivals.size(); i++) {
            if (arrivals.get(i).offsetNanos() < arrivals.get(i - 1).offsetNanos()) {
                throw new IllegalArgumentException("offset_ns must not decrease: arrival " + (i + 1) + " at "
                        + arrivals.get(i).offsetNanos() + " ns follows one at " + arrivals.get(i - 1).offsetNanos());
            }
        }
    }

    /**
     * The planned arrivals of {@code scenario} with {@code overrides} applied: what a runner will
     * replay. Same as {@code ArrivalPlan.of(…).toTrace()}.
     *
     * @param lambdaStar     calibrated capacity λ*, jobs per second ({@code > 0})
     * @param loadMultiplier scales every rate ({@code > 0})
     */
    public static Trace fromScenario(Scenario scenario, double lambdaStar, double loadMultiplier,
                                     RunOverrides overrides) {
        return ArrivalPlan.of(scenario, lambdaStar, loadMultiplier, overrides).toTrace();
    }

    /** The planned arrivals of {@code scenario} as written. */
    public static Trace fromScenario(Scenario scenario, double lambdaStar, double loadMultiplier) {
        return fromScenario(scenario, lambdaStar, loadMultiplier, RunOverrides.NONE);
    }

    /** Number of arrivals. */
    public int size() {
        return arrivals.size();
    }

    /** The offsets alone, in order. */
    public long[] offsets() {
        return arrivals.stream().mapToLong(Arrival::offsetNanos).toArray();
    }

    /** Writes the trace to {@code file}, replacing it. */
    public void write(Path file) throws IOException {
        try (TraceWriter w = TraceWriter.open(file, header)) {
            w.writeAll(arrivals);
        }
    }

    /** Writes the trace to {@code out}, leaving it open. */
    public void write(Writer out) throws IOException {
        try (TraceWriter w = TraceWriter.leavingOpen(out, header)) {
            w.writeAll(arrivals);
        }
    }

    /** The trace as JSON Lines text. */
    public String toJsonLines() {
        StringWriter out = new StringWriter();
        try {
            write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /**
     * Reads a whole trace from {@code file}.
     *
     * @throws TraceException naming the file, line and field of the first problem
     */
    public static Trace read(Path file) throws IOException {
        try (TraceReader r = TraceReader.open(file)) {
            return readAll(r);
        }
    }

    /**
     * Reads a whole trace from {@code in} (closed afterwards); problems name {@code source}.
     *
     * @throws TraceException naming the source, line and field of the first problem
     */
    public static Trace read(Reader in, String source) {
        try (TraceReader r = new TraceReader(in, source)) {
            return readAll(r);
        }
    }

    private static Trace readAll(TraceReader r) {
        List<Arrival> all = new ArrayList<>();
        while (r.hasNext()) {
            all.add(r.next());
        }
        return new Trace(r.header(), all);
    }
}
