package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool fails a test under CI=true and skips it elsewhere, saying how to install it. */
class ExternalToolTest {
    @Test
    void missingUnderCi_fails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> ExternalTool.require(
                "no-such-tool-helix", "some-package", Map.of("CI", "true", "PATH", "/nonexistent")));
        assertTrue(e.getMessage().contains("apt-get install -y --no-install-recommends some-package"), e.getMessage());
    }

    @Test
    void missingElsewhere_skips() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> ExternalTool.require(
                "no-such-tool-helix", "some-package", Map.of("PATH", "/nonexistent")));
        assertTrue(e.getMessage().contains("skipped: no-such-tool-helix is not on the PATH"), e.getMessage());
    }

    @Test
    void present_isFound() {
        assertTrue(ExternalTool.require("sh", "dash", Map.of("PATH", "/usr/bin:/bin")).toString().endsWith("/sh"));
    }
}
