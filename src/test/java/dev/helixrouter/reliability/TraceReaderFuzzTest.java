package dev.helixrouter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ScenarioJson;
import dev.helixrouter.workload.Trace;
import dev.helixrouter.workload.TraceException;
import dev.helixrouter.workload.TraceReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile traces (JSON Lines: a valid trace damaged line by line and character by character)
 * against {@link Trace#read} and the streaming {@link TraceReader}: each reads whole, or is
 * refused with a {@link TraceException} naming the source, a line of the input and a field.
 */
class TraceReaderFuzzTest {
    private static final Fuzz FUZZ = new Fuzz("fuzz_trace");
    private static final String SOURCE = "fuzzed-trace.jsonl";
    private static final List<String> KEYS = List.of("helixrouter_trace", "scenario", "seed", "jobs", "lambda_star",
            "load", "offset_ns", "id", "kind", "inputs", "compute_cost", "scaling_potential", "latency_budget_ms",
            "blocking", "blocking_wait_ns");
    private static final String VALID = Trace.fromScenario(ScenarioJson.parse("{\"name\": \"fuzz\", \"seed\": 3,"
            + " \"workload\": {\"blocking_share\": 0.3}, \"arrival\": {\"pattern\": \"poisson\", \"load\": 1},"
            + " \"jobs\": 12}"), 1_000, 1).toJsonLines();

    @Provide
    Arbitrary<String> traces() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.randomValue(TraceReaderFuzzTest::damageLines)),
                net.jqwik.api.Tuple.of(4, Arbitraries.randomValue(r -> Hostile.mutate(VALID, r))),
                net.jqwik.api.Tuple.of(1, Hostile.documents(List.of(VALID.lines().toList().get(1)), KEYS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(VALID)));
    }

    /** The valid trace with whole lines dropped, doubled, swapped, replaced or damaged. */
    private static String damageLines(Random r) {
        List<String> lines = new ArrayList<>(Arrays.asList(VALID.split("\n")));
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = r.nextInt(lines.size());
            switch (r.nextInt(7)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(i));
                case 2 -> lines.set(i, lines.set(r.nextInt(lines.size()), lines.get(i)));
                case 3 -> lines.set(i, Hostile.tree(KEYS, r, 0));
                case 4 -> lines.add(i, r.nextBoolean() ? "" : "   \t");
                case 5 -> lines.set(i, lines.get(i) + "\r");
                default -> lines.set(i, Hostile.mutate(lines.get(i), r));
            }
        }
        return String.join("\n", lines) + (r.nextBoolean() ? "\n" : "");
    }

    @Property(seed = "8080")
    void traces_readWhole_orNameTheLineAndField(@ForAll("traces") String text) throws Exception {
        long lines = text.lines().count() + 1;
        FUZZ.attempt("traces", text, () -> Trace.read(new StringReader(text), SOURCE), TraceException.class,
                t -> assertEquals(t.size(), Trace.read(new StringReader(t.toJsonLines()), SOURCE).size(), "writes back"),
                e -> clearRefusal(e, text, lines));
        // The streaming reader agrees, arrival by arrival.
        int read = 0;
        try (TraceReader reader = Reliability.noHang("new TraceReader", () -> new TraceReader(new StringReader(text), SOURCE))) {
            while (reader.hasNext()) {
                Arrival a = reader.next();
                assertTrue(a.offsetNanos() >= 0);
                read++;
            }
        } catch (TraceException e) {
            clearRefusal(e, text, lines);
        }
        FUZZ.count("traces_streamed");
        assertTrue(read >= 0);
    }

    private static void clearRefusal(TraceException e, String text, long lines) {
        Fuzz.clearMessage(e.getMessage(), text);
        assertTrue(e.getMessage().contains(SOURCE), "the message names the file: " + e.getMessage());
        assertTrue(e.line() >= 1 && e.line() <= lines, "line " + e.line() + " of " + lines + ": " + e.getMessage());
        Fuzz.clearPlace(e.field(), e.getMessage(), text); // the field at fault, "$" for the line
    }

    @AfterContainer
    static void report() {
        FUZZ.report();
    }
}
