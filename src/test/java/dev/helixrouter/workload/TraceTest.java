package dev.helixrouter.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.config.ConfigPatch;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTest {

    @TempDir
    Path dir;

    private static Scenario scenario() {
        return new Scenario("trace-me", "", 42, WorkloadSpec.builder().blockingShare(0.2).build(),
                new ArrivalPattern.Poisson(1.5), RunBound.of(3_000, Duration.ofSeconds(5)), ConfigPatch.empty());
    }

    @Test
    void writeThenRead_roundTrips_includingUnsignedInputsAbove2pow63() throws IOException {
        long[] inputs = {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0x8000_0000_0000_0001L};
        List<Arrival> arrivals = List.of(
                new Arrival(0, new Job(1, JobKind.HASH_MIX, inputs, 900, 0.1, 12), 0),
                new Arrival(5, new Job(-7, JobKind.of("custom.kind"), new long[0], 0, 1.0, 1, true, Job.AT_SUBMIT),
                        3_000_001),
                new Arrival(5, new Job(Long.MAX_VALUE, JobKind.PRIME_COUNT, new long[] {3}, Long.MAX_VALUE,
                        0.30000000000000004, 86_400_000), 0));
        Trace trace = new Trace(new TraceHeader("hand made", -3, OptionalLong.empty(), OptionalDouble.of(1234.5),
                OptionalDouble.of(2.0)), arrivals);
        Path file = dir.resolve("t.jsonl");
        trace.write(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"inputs\":[0,1,9223372036854775807,9223372036854775808,18446744073709551615,"
                + "9223372036854775809]"), text);
        assertTrue(text.startsWith("{\"helixrouter_trace\":1,\"scenario\":\"hand made\",\"seed\":-3,\"jobs\":3,"
                + "\"lambda_star\":1234.5,\"load\":2.0}\n"), text);
        assertTrue(text.endsWith("}\n"));
        Trace back = Trace.read(file);
        assertEquals(trace, back);
        assertArrayEquals(inputs, back.arrivals().getFirst().job().inputs());
        assertEquals(3_000_001, back.arrivals().get(1).blockingWaitNanos());
    }

    @Test
    void fromScenario_roundTripsThroughAFile() throws IOException {
        Trace t = Trace.fromScenario(scenario(), 800, 1.0);
        assertEquals(t.size(), t.header().jobs().getAsLong());
        assertTrue(t.arrivals().stream().anyMatch(a -> a.job().blocking()));
        Path file = dir.resolve("s.jsonl");
        t.write(file);
        assertEquals(t, Trace.read(file));
    }

    @Test
    void sameSeed_byteIdenticalTraces_otherSeed_otherBytes() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        Path c = dir.resolve("c.jsonl");
        Trace.fromScenario(scenario(), 800, 1.0).write(a);
        Trace.fromScenario(scenario(), 800, 1.0).write(b);
        Trace.fromScenario(scenario(), 800, 1.0, RunOverrides.NONE.withSeed(43)).write(c);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void plan_isTheOnePlaceJobsAndOffsetsComeFrom() {
        Scenario s = scenario();
        ArrivalPlan plan = ArrivalPlan.of(s, 800, 1.0);
        Trace t = plan.toTrace();
        assertEquals(t.arrivals(), plan.stream().toList());
        assertArrayEquals(s.schedule(800, 1.0).toArray(), t.offsets());
        assertEquals(s.generator().takeGenerated(t.size()), t.arrivals().stream().map(Arrival::generated).toList());
        // 5 s at 1.5 x 800/s = 6 000 expected, so the 3 000-job bound ends it first.
        assertEquals(3_000, t.size());
    }

    @Test
    void overrides_replaceSeedJobsAndDuration() {
        Trace fewer = Trace.fromScenario(scenario(), 800, 1.0, RunOverrides.NONE.withJobs(10));
        assertEquals(10, fewer.size());
        assertEquals(Trace.fromScenario(scenario(), 800, 1.0).arrivals().subList(0, 10), fewer.arrivals());
        Trace shorter = Trace.fromScenario(scenario(), 800, 1.0, RunOverrides.NONE.withDuration(Duration.ofMillis(100)));
        assertTrue(shorter.size() > 80 && shorter.size() < 170, "in 100 ms: " + shorter.size());
        Trace reseeded = Trace.fromScenario(scenario(), 800, 1.0, RunOverrides.NONE.withSeed(9));
        assertEquals(9, reseeded.header().seed());
        assertThrows(ScenarioException.class, () -> Trace.fromScenario(scenario(), 800, 1.0,
                RunOverrides.NONE.withJobs(0)));
    }

    @Test
    void streamingWriter_withoutAJobCount_andReaderStreaming() throws IOException {
        StringWriter out = new StringWriter();
        ArrivalPlan plan = ArrivalPlan.of(scenario(), 800, 1.0);
        try (TraceWriter w = TraceWriter.leavingOpen(out, plan.header())) {
            w.writeAll(plan);
            assertEquals(3_000, w.count());
        }
        assertFalse(out.toString().lines().findFirst().orElseThrow().contains("\"jobs\""));
        List<Arrival> read = new ArrayList<>();
        try (TraceReader r = new TraceReader(new StringReader(out.toString()), "mem")) {
            assertEquals("trace-me", r.header().scenario());
            r.forEachRemaining(read::add);
        }
        assertEquals(plan.stream().toList(), read);
    }

    @Test
    void writer_refusesAWrongCount_andDecreasingOffsets() throws IOException {
        TraceWriter w = TraceWriter.leavingOpen(new StringWriter(), TraceHeader.of("x", 1).withJobs(2));
        Arrival a = new Arrival(10, new Job(1, JobKind.HASH_MIX, new long[0], 1, 0, 1), 0);
        w.write(a);
        assertThrows(IllegalArgumentException.class, () -> w.write(new Arrival(9, a.job(), 0)));
        assertThrows(IllegalStateException.class, w::close);
    }

    // ---- reader errors: file, line and field ----

    private static final String HEADER = "{\"helixrouter_trace\":1,\"scenario\":\"x\",\"seed\":1}\n";
    private static final String JOB = "{\"offset_ns\":0,\"id\":1,\"kind\":\"HashMix\",\"inputs\":[1],"
            + "\"compute_cost\":10,\"scaling_potential\":0.5,\"latency_budget_ms\":5,\"blocking\":false}\n";

    @Test
    void readerErrors_nameTheFileLineAndField() throws IOException {
        assertReadError(HEADER + JOB + JOB.replace("\"compute_cost\":10", "\"compute_cost\":-3"),
                3, "compute_cost", "must be >= 0, was -3");
        assertReadError(HEADER + JOB + "\n" + JOB.replace("latency_budget_ms", "latency_budget"),
                4, "latency_budget", "unknown key 'latency_budget' (did you mean 'latency_budget_ms'?)");
        assertReadError(HEADER + JOB.replace("[1]", "[18446744073709551616]"),
                2, "inputs[0]", "must be within 0..18446744073709551615");
        assertReadError(HEADER + JOB.replace("[1]", "[-1]"), 2, "inputs[0]", "must be within 0..18446744073709551615");
        assertReadError(HEADER + JOB.replace("\"offset_ns\":0", "\"offset_ns\":50") + JOB,
                3, "offset_ns", "must not decrease: 0 after 50");
        assertReadError(HEADER + JOB.replace("\"scaling_potential\":0.5", "\"scaling_potential\":\"high\""),
                2, "scaling_potential", "must be a number, was a string");
        assertReadError(HEADER + JOB.replace("\"kind\":\"HashMix\",", ""), 2, "kind", "is required");
        assertReadError(HEADER + "{\"offset_ns\":0,", 2, "$", "malformed JSON");
        assertReadError(HEADER.replace("\"seed\":1", "\"seed\":1,\"jobs\":3") + JOB + JOB,
                1, "jobs", "the header announces 3 jobs but the trace holds 2 (is the file truncated?)");
        assertReadError(JOB, 1, "$", "not a HelixRouter trace");
        assertReadError(HEADER.replace("\"helixrouter_trace\":1", "\"helixrouter_trace\":2"),
                1, "helixrouter_trace", "unsupported trace version 2");
        assertReadError("", 1, "$", "the trace is empty");
        assertReadError(HEADER + JOB.replace("\"blocking\":false", "\"blocking\":false,\"blocking_wait_ns\":5"),
                2, "blocking_wait_ns", "only allowed with \"blocking\": true");
    }

    private void assertReadError(String text, long line, String field, String messagePart) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, text);
        TraceException e = assertThrows(TraceException.class, () -> Trace.read(file));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
