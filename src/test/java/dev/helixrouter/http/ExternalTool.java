package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A command-line tool a test needs (promtool, chromium). Under {@code CI=true} a missing tool
 * fails the test — CI installs it (.ci/run) — otherwise the test is skipped with a message that
 * says how to install it.
 */
final class ExternalTool {
    private ExternalTool() {}

    /** The tool's path; fails under CI, skips elsewhere, when it is not on the PATH. */
    static Path require(String name, String debianPackage) {
        return require(name, debianPackage, System.getenv());
    }

    static Path require(String name, String debianPackage, Map<String, String> env) {
        Optional<Path> found = find(name, env.get("PATH"));
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not on the PATH; install Debian's '" + debianPackage
                + "' (apt-get install -y --no-install-recommends " + debianPackage + ")";
        if ("true".equalsIgnoreCase(env.get("CI"))) {
            fail("CI=true: " + message);
        }
        assumeTrue(false, "skipped: " + message);
        throw new IllegalStateException("unreachable");
    }

    static Optional<Path> find(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
