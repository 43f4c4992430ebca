package dev.helixrouter.workload;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a trace written by {@link TraceWriter}, one arrival at a time, so a long trace can be
 * replayed without holding it in memory (format: {@link Trace}, {@code docs/SCENARIOS.md}).
 *
 * <p>The header is read when the reader is created. Reading is strict — a trace decides what a
 * benchmark measures, so a damaged one must not replay silently: every problem is a
 * {@link TraceException} naming the file, the line number and the field (unknown keys with the
 * nearest known one, wrong types, out-of-range values, inputs outside 0…2^64 − 1, offsets that
 * go backwards, and, at the end, a job count different from the header's, as in a truncated
 * file). Blank lines are skipped. I/O failures are {@link UncheckedIOException}s.
 *
 * <p>Not thread-safe.
 */
public final class TraceReader implements Iterator<Arrival>, Closeable {

    private static final List<String> HEADER_KEYS =
            List.of("helixrouter_trace", "scenario", "seed", "jobs", "lambda_star", "load");
    private static final List<String> JOB_KEYS = List.of("offset_ns", "id", "kind", "inputs", "compute_cost",
            "scaling_potential", "latency_budget_ms", "blocking", "blocking_wait_ns");
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long MAX_BUDGET_MS = Long.MAX_VALUE / 1_000_000L; // budget in ns must fit a long

    private final BufferedReader in;
    private final String source;
    private final TraceHeader header;
    private long lineNumber;
    private long count;
    private long lastOffset;
    private Arrival pending;
    private boolean finished;

    /**
     * A reader of {@code in}; problems name {@code source} (null for none). Reads the header now.
     *
     * @throws TraceException if the header is missing or malformed
     */
    public TraceReader(Reader in, String source) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(Objects.requireNonNull(in, "in"));
        this.source = source;
        String first = nextLine();
        if (first == null) {
            throw new TraceException(source, 1, "$", "the trace is empty; it must start with a header such as "
                    + "{\"helixrouter_trace\": 1, \"scenario\": \"name\", \"seed\": 1}");
        }
        this.header = parseHeader(first);
    }

    /**
     * A reader of {@code file} (UTF-8); problems name the file as given.
     *
     * @throws TraceException if the header is missing or malformed
     */
    public static TraceReader open(Path file) throws IOException {
        Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            return new TraceReader(r, file.toString());
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The header. */
    public TraceHeader header() {
        return header;
    }

    /** Number of arrivals read so far. */
    public long count() {
        return count;
    }

    /**
     * Whether another arrival follows.
     *
     * @throws TraceException if the next line is malformed, or the trace ends short of the header's count
     */
    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            String line = nextLine();
            if (line == null) {
                finished = true;
                if (header.jobs().isPresent() && header.jobs().getAsLong() != count) {
                    throw new TraceException(source, 1, "jobs", "the header announces " + header.jobs().getAsLong()
                            + " jobs but the trace holds " + count + (count < header.jobs().getAsLong()
                            ? " (is the file truncated?)" : ""));
                }
            } else {
                pending = parseArrival(line);
                count++;
            }
        }
        return pending != null;
    }

    /**
     * The next arrival.
     *
     * @throws TraceException if its line is malformed
     */
    @Override
    public Arrival next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Arrival a = pending;
        pending = null;
        return a;
    }

    /** The remaining arrivals as a sequential stream (closing it does not close the reader). */
    public Stream<Arrival> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- lines ----

    /** The next non-blank line, counting every line; null at the end. */
    private String nextLine() {
        try {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    return null;
                }
                lineNumber++;
            } while (line.isBlank());
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException((source == null ? "" : source + ": ") + "line " + (lineNumber + 1)
                    + ": cannot read: " + e.getMessage(), e);
        }
    }

    private JsonNode parse(String line) {
        if (line.length() > JsonFields.MAX_DOCUMENT_CHARS) {
            throw error("$", "the line is " + line.length() + " characters long; at most "
                    + JsonFields.MAX_DOCUMENT_CHARS + " are accepted");
        }
        try {
            return JsonFields.MAPPER.readTree(line);
        } catch (JacksonException e) {
            String where = e.getLocation() != null && e.getLocation().getColumnNr() > 0
                    ? " at column " + e.getLocation().getColumnNr() : "";
            throw error("$", "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private TraceHeader parseHeader(String line) {
        JsonNode node = parse(line);
        if (node == null || !node.isObject() || !node.has("helixrouter_trace")) {
            throw error("$", "not a HelixRouter trace: the first line must be a header such as "
                    + "{\"helixrouter_trace\": 1, \"scenario\": \"name\", \"seed\": 1}");
        }
        List<ScenarioProblem> problems = new ArrayList<>();
        JsonFields f = JsonFields.object(node, "", "a trace header", problems).orElseThrow();
        f.refuseUnknown(HEADER_KEYS);
        OptionalLong version = f.integer("helixrouter_trace");
        if (version.isPresent() && version.getAsLong() != Trace.FORMAT_VERSION) {
            f.problem("helixrouter_trace", "unsupported trace version " + version.getAsLong() + "; this build reads "
                    + Trace.FORMAT_VERSION);
        }
        f.require("scenario", "a label naming where the jobs came from");
        String scenario = f.text("scenario").orElse("");
        f.require("seed", "the seed the jobs were drawn with");
        long seed = f.integer("seed").orElse(0);
        OptionalLong jobs = f.integer("jobs");
        if (jobs.isPresent() && jobs.getAsLong() < 0) {
            f.problem("jobs", "must be >= 0, was " + jobs.getAsLong());
        }
        OptionalDouble lambdaStar = positive(f, "lambda_star");
        OptionalDouble load = positive(f, "load");
        throwIfAny(problems);
        return new TraceHeader(scenario, seed, jobs, lambdaStar, load);
    }

    private static OptionalDouble positive(JsonFields f, String key) {
        OptionalDouble d = f.decimal(key);
        if (d.isPresent() && !(d.getAsDouble() > 0)) {
            f.problem(key, "must be > 0, was " + Numbers.show(d.getAsDouble()));
            return OptionalDouble.empty();
        }
        return d;
    }

    private Arrival parseArrival(String line) {
        JsonNode node = parse(line);
        List<ScenarioProblem> problems = new ArrayList<>();
        JsonFields f = JsonFields.object(node, "", "one job", problems).orElse(null);
        throwIfAny(problems);
        f.refuseUnknown(JOB_KEYS);
        for (String key : JOB_KEYS) {
            if (!key.equals("blocking") && !key.equals("blocking_wait_ns")) {
                f.require(key, "");
            }
        }
        long offset = f.integer("offset_ns").orElse(0);
        if (offset < 0) {
            f.problem("offset_ns", "must be >= 0, was " + offset);
        } else if (count > 0 && offset < lastOffset) {
            f.problem("offset_ns", "must not decrease: " + offset + " after " + lastOffset
                    + " on the previous job line; arrivals are listed in order");
        }
        long id = f.integer("id").orElse(0);
        JobKind kind = f.text("kind").map(k -> {
            try {
                return JobKind.of(k);
            } catch (IllegalArgumentException e) {
                f.problem("kind", e.getMessage().replaceFirst("^kind: ", ""));
                return null;
            }
        }).orElse(null);
        long[] inputs = inputs(f);
        long cost = f.integer("compute_cost").orElse(0);
        if (cost < 0) {
            f.problem("compute_cost", "must be >= 0, was " + cost);
        }
        double scaling = f.decimal("scaling_potential").orElse(0);
        if (!(scaling >= 0 && scaling <= 1)) {
            f.problem("scaling_potential", "must be within 0..1, was " + Numbers.show(scaling));
        }
        long budget = f.integer("latency_budget_ms").orElse(1);
        if (budget < 1 || budget > MAX_BUDGET_MS) {
            f.problem("latency_budget_ms", "must be within 1.." + MAX_BUDGET_MS + ", was " + budget);
        }
        boolean blocking = false;
        if (f.has("blocking")) {
            if (f.raw("blocking").isBoolean()) {
                blocking = f.raw("blocking").booleanValue();
            } else {
                f.problem("blocking", "must be true or false, was " + JsonFields.describe(f.raw("blocking")));
            }
        }
        long wait = f.integer("blocking_wait_ns").orElse(0);
        if (wait < 0) {
            f.problem("blocking_wait_ns", "must be >= 0, was " + wait);
        } else if (wait > 0 && !blocking) {
            f.problem("blocking_wait_ns", "is only allowed with \"blocking\": true, was " + wait);
        }
        throwIfAny(problems);
        lastOffset = offset;
        Job job = new Job(id, kind, inputs, cost, scaling, budget, blocking, Job.AT_SUBMIT);
        return new Arrival(offset, job, wait);
    }

    /** Inputs: an array of whole numbers within 0…2^64 − 1, read back into unsigned longs. */
    private static long[] inputs(JsonFields f) {
        JsonNode arr = f.raw("inputs");
        if (arr == null) {
            return new long[0];
        }
        if (!arr.isArray()) {
            f.problem("inputs", "must be an array of whole numbers, was " + JsonFields.describe(arr));
            return new long[0];
        }
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = arr.get(i);
            String where = "inputs[" + i + "]";
            if (!v.isIntegralNumber()) {
                f.problem(where, "must be a whole number within 0..18446744073709551615, was " + JsonFields.describe(v));
                continue;
            }
            BigInteger x = v.bigIntegerValue();
            if (x.signum() < 0 || x.compareTo(TWO_64) >= 0) {
                f.problem(where, "must be within 0..18446744073709551615 (unsigned 64-bit), was " + x);
                continue;
            }
            out[i] = x.longValue(); // the low 64 bits: values >= 2^63 become negative longs, as unsigned meaning wants
        }
        return out;
    }

    private void throwIfAny(List<ScenarioProblem> problems) {
        if (!problems.isEmpty()) {
            // Report the first field, but list every problem of the line in the message.
            String message = problems.stream().map(ScenarioProblem::toString).collect(Collectors.joining("; "));
            String field = problems.getFirst().path();
            String prefix = field + ": ";
            throw error(field, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        }
    }

    private TraceException error(String field, String message) {
        return new TraceException(source, lineNumber, field, message);
    }
}
