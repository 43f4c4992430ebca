package dev.helixrouter.bench.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShootoutOptionsTest {

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> ShootoutOptions.parse(List.of(args), "x"))
                .getMessage();
    }

    @Test
    void defaults_fullShape_fiveSeeds_everySystem() {
        ShootoutOptions o = ShootoutOptions.parse(List.of(), "x");
        assertEquals(5, o.seeds());
        assertEquals(65.0, o.shape().endNanos() / 1e9, 1e-9);
        assertEquals(SystemKind.all(), o.systems());
        assertEquals(1, ShootoutOptions.parse(List.of("--quick"), "x").seeds());
    }

    @Test
    void systems_areParsedAndKeptInTableOrder() {
        ShootoutOptions o = ShootoutOptions.parse(List.of("--systems", "helix-adaptive,inline"), "x");
        assertEquals(List.of(SystemKind.INLINE, SystemKind.HELIX_ADAPTIVE), o.systems());
    }

    @Test
    void badArguments_sayWhatIsWrong() {
        assertTrue(error("--bogus").contains("unknown option '--bogus'"));
        assertTrue(error("--seeds").contains("--seeds needs a value"));
        assertTrue(error("--seeds", "0").contains("--seeds must be within 1..100, was 0"));
        assertTrue(error("--seeds", "five").contains("--seeds must be a whole number, was 'five'"));
        assertTrue(error("--callers", "2000").contains("--callers must be within 1..1024"));
        assertTrue(error("--phase-seconds", "1").contains("add --quick"));
        assertTrue(error("--quick", "--phase-seconds", "NaN").contains("--phase-seconds must be within"));
        assertTrue(error("--systems", "inline,nope").contains("unknown system 'nope'; systems: inline,"));
        assertTrue(error("--systems", "inline,inline").contains("twice"));
    }
}
