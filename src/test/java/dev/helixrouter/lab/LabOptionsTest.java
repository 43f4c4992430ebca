package dev.helixrouter.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabOptionsTest {

    /** What Application.getParameters().getNamed() makes of the arguments. */
    private static Map<String, String> named(LabOptions o) {
        Map<String, String> m = new HashMap<>();
        for (String a : o.toArgs()) {
            int eq = a.indexOf('=');
            m.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return m;
    }

    @Test
    void survivesTheTripThroughJavaFxParameters() {
        LabOptions o = LabOptions.defaults().withScenario("overload").withJobs(321).withSeed(-9).withLoad(1.5)
                .withStart(true).withLoop(true).withExitAfter(Duration.ofMillis(1500)).withTab("latency")
                .withStatsFile(Path.of("/tmp/stats.jsonl"));
        assertEquals(o, LabOptions.fromNamed(named(o)));
        assertEquals(LabOptions.defaults(), LabOptions.fromNamed(named(LabOptions.defaults())));
        assertEquals(LabOptions.defaults(), LabOptions.fromNamed(Map.of()));
    }

    @Test
    void withoutAScenario_theDefaultIsReady() {
        assertEquals(LabOptions.DEFAULT_SCENARIO, LabOptions.defaults().scenarioName());
        assertEquals("overload", LabOptions.defaults().withScenario("overload").scenarioName());
    }

    @Test
    void refusesBadValues_namingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabOptions.defaults().withJobs(0))
                .getMessage().startsWith("jobs must be within 1..1000000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LabOptions.defaults().withExitAfter(Duration.ZERO)).getMessage().startsWith("exitAfter must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabOptions.defaults().withLoad(-1))
                .getMessage().startsWith("load must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabOptions.defaults().withTab("graphs"))
                .getMessage().startsWith("tab must be one of overview"));
    }
}
