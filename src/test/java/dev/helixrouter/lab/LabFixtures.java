package dev.helixrouter.lab;

import dev.helixrouter.lab.run.LiveRunFactory;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lab services for tests: user presets and the calibration cache in a temporary directory, a
 * quick calibrator (a fraction of a second instead of about three), and two small scenarios of
 * our own: {@code quick} (a few hundred jobs, done in well under a second) and {@code slow}
 * (a trickle lasting a minute, for pausing and stopping).
 */
public final class LabFixtures {
    private LabFixtures() {}

    /** Services rooted at {@code dir}: presets in {@code dir/presets}, calibration in {@code dir/calibration.json}. */
    public static LabServices services(Path dir) {
        Path presets = dir.resolve("presets");
        write(presets.resolve("quick.json"), """
                {"name": "quick", "description": "A few hundred jobs at half capacity.", "seed": 5,
                 "workload": {"mix": "original"}, "arrival": {"pattern": "poisson", "load": 0.5},
                 "jobs": 400, "duration_s": 10}
                """);
        write(presets.resolve("slow.json"), """
                {"name": "slow", "description": "A trickle for a minute: time to pause, tune and stop.", "seed": 9,
                 "workload": {"mix": "original"}, "arrival": {"pattern": "poisson", "load": 0.004},
                 "jobs": 100000, "duration_s": 60}
                """);
        CalibrationCache cache = new CalibrationCache(dir.resolve("calibration.json"), m -> { });
        int cores = Runtime.getRuntime().availableProcessors();
        LiveRunFactory live = new LiveRunFactory(cache,
                () -> Calibrator.builder().warmupNanos(10_000_000).samples(3).minBatchNanos(10_000), cores);
        return LabServices.of(new ScenarioCatalog(presets), live, cores);
    }

    /** Writes a file, creating its directory. */
    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a live thread's name starts with {@code prefix}. */
    public static boolean anyThreadAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
    }
}
