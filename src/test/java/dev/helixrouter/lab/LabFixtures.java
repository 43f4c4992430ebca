package dev.helixrouter.lab;

import dev.helixrouter.lab.run.MachineProfile;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import dev.helixrouter.workload.calibration.OverheadCache;
import dev.helixrouter.workload.calibration.OverheadCalibrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lab services for tests: user presets and the machine profile (calibration and overheads) in a
 * temporary directory, quick measurements (a fraction of a second instead of about ten), and two
 * small scenarios of our own: {@code quick} (a few hundred jobs, done in well under a second) and
 * {@code slow} (a trickle lasting a minute, for pausing and stopping).
 */
public final class LabFixtures {
    private LabFixtures() {}

    /**
     * Services rooted at {@code dir}: presets in {@code dir/presets}, the machine profile in
     * {@code dir/calibration.json} and {@code dir/overheads.json}; both time modes.
     */
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
        int cores = Runtime.getRuntime().availableProcessors();
        return LabServices.of(new ScenarioCatalog(presets), profile(dir), cores);
    }

    /** A machine profile cached in {@code dir}, measured quickly. */
    public static MachineProfile profile(Path dir) {
        return new MachineProfile(new CalibrationCache(dir.resolve("calibration.json"), m -> { }),
                () -> Calibrator.builder().warmupNanos(10_000_000).samples(3).minBatchNanos(10_000),
                new OverheadCache(dir.resolve("overheads.json"), w -> { }),
                progress -> new OverheadCalibrator(200, 20_000, progress));
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
