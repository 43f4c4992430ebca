package dev.helixrouter.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
        LabOptions o = new LabOptions(321, -9, Optional.of(Duration.ofMillis(1500)));
        assertEquals(o, LabOptions.fromNamed(named(o)));
        assertEquals(LabOptions.defaults(), LabOptions.fromNamed(named(LabOptions.defaults())));
        assertEquals(LabOptions.defaults(), LabOptions.fromNamed(Map.of()));
    }

    @Test
    void refusesBadValues_namingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LabOptions(0, 7, Optional.empty()))
                .getMessage().startsWith("jobs must be within 1..1000000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LabOptions(1, 7, Optional.of(Duration.ZERO))).getMessage().startsWith("exitAfter must be > 0"));
    }
}
