package dev.helixrouter.workload;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.helixrouter.engine.Job;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a trace as JSON Lines, one arrival at a time, so a long run can be recorded without
 * holding its jobs (format: {@link Trace}, {@code docs/SCENARIOS.md}).
 *
 * <p>The header is written when the writer is created. If it announces a job count,
 * {@link #close()} checks that exactly that many arrivals were written; leave the count out
 * when recording a run whose length is not known in advance. Offsets must not decrease.
 *
 * <p>Output is deterministic: fields in a fixed order, no spaces, {@code \n} line ends whatever
 * the platform, numbers as Java prints them (shortest repr that reads back exactly). Not
 * thread-safe.
 */
public final class TraceWriter implements Closeable, Flushable {

    private final JsonGenerator json;
    private final Writer out;
    private final TraceHeader header;
    private long count;
    private long lastOffset;
    private boolean closed;

    private TraceWriter(Writer out, TraceHeader header) throws IOException {
        this.out = out;
        this.header = Objects.requireNonNull(header, "header");
        this.json = JsonFields.MAPPER.getFactory().createGenerator(out);
        json.setRootValueSeparator(null);
        writeHeader();
    }

    /** A writer to {@code file} (created or replaced, UTF-8); closing it closes the file. */
    public static TraceWriter open(Path file, TraceHeader header) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        try {
            return new TraceWriter(w, header);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** A writer to {@code out}; closing it closes {@code out}. */
    public static TraceWriter to(Writer out, TraceHeader header) throws IOException {
        return new TraceWriter(new BufferedWriter(out), header);
    }

    /** A writer to {@code out}; closing it flushes but leaves {@code out} open. */
    public static TraceWriter leavingOpen(Writer out, TraceHeader header) throws IOException {
        return new TraceWriter(new FilterWriter(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        }, header);
    }

    /** The header written first. */
    public TraceHeader header() {
        return header;
    }

    /** Number of arrivals written so far. */
    public long count() {
        return count;
    }

    /**
     * Writes one arrival.
     *
     * @throws IllegalArgumentException if its offset is below the previous one's
     */
    public void write(Arrival a) throws IOException {
        if (closed) {
            throw new IllegalStateException("the trace writer is closed");
        }
        if (count > 0 && a.offsetNanos() < lastOffset) {
            throw new IllegalArgumentException("offset_ns must not decrease: " + a.offsetNanos()
                    + " ns after " + lastOffset + " ns");
        }
        Job j = a.job();
        json.writeStartObject();
        json.writeNumberField("offset_ns", a.offsetNanos());
        json.writeNumberField("id", j.id());
        json.writeStringField("kind", j.kind().name());
        json.writeArrayFieldStart("inputs");
        for (int i = 0; i < j.inputCount(); i++) {
            json.writeNumber(Long.toUnsignedString(j.input(i))); // unsigned: up to 2^64 - 1
        }
        json.writeEndArray();
        json.writeNumberField("compute_cost", j.computeCost());
        json.writeNumberField("scaling_potential", j.scalingPotential());
        json.writeNumberField("latency_budget_ms", j.latencyBudgetMs());
        json.writeBooleanField("blocking", j.blocking());
        if (j.blocking()) {
            json.writeNumberField("blocking_wait_ns", a.blockingWaitNanos());
        }
        json.writeEndObject();
        json.writeRaw('\n');
        lastOffset = a.offsetNanos();
        count++;
    }

    /** Writes every arrival of {@code arrivals}, in order. */
    public void writeAll(Iterable<Arrival> arrivals) throws IOException {
        for (Arrival a : arrivals) {
            write(a);
        }
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    /**
     * Flushes and closes.
     *
     * @throws IllegalStateException if the header announced another number of jobs than written
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        json.close(); // closes the target writer too (Jackson's AUTO_CLOSE_TARGET)
        if (header.jobs().isPresent() && header.jobs().getAsLong() != count) {
            throw new IllegalStateException("the trace header announces " + header.jobs().getAsLong()
                    + " jobs but " + count + " were written");
        }
    }

    private void writeHeader() throws IOException {
        json.writeStartObject();
        json.writeNumberField("helixrouter_trace", Trace.FORMAT_VERSION);
        json.writeStringField("scenario", header.scenario());
        json.writeNumberField("seed", header.seed());
        if (header.jobs().isPresent()) {
            json.writeNumberField("jobs", header.jobs().getAsLong());
        }
        if (header.lambdaStar().isPresent()) {
            json.writeNumberField("lambda_star", header.lambdaStar().getAsDouble());
        }
        if (header.loadMultiplier().isPresent()) {
            json.writeNumberField("load", header.loadMultiplier().getAsDouble());
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
