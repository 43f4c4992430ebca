package dev.helixrouter.workload.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this machine's {@link Calibration} in a file, so the kernels are timed once per machine
 * rather than on every start (SPEC §8).
 *
 * <p>The file (default {@code ~/.helixrouter/calibration.json}) holds one calibration, keyed by
 * its {@linkplain Calibration.Machine#fingerprint() fingerprint}: cores, CPU model,
 * architecture, JVM and kernel version. A calibration is reused only when its fingerprint
 * equals the calibrator's machine's; a file made elsewhere — another machine sharing the home
 * directory, a JVM upgrade, changed kernels — is replaced by a fresh calibration.
 *
 * <p>The cache never fails its caller over the file: a missing file is simply a miss, and a
 * corrupt, foreign or unreadable file is reported to the warning sink and recalibrated; a file
 * that cannot be written is reported and the fresh calibration is returned anyway. Warnings go
 * to SLF4J at WARN unless a sink is given (the CLI, for example, prints them on stderr).
 *
 * <p>Writes go to a temporary file in the same directory that is then moved over the cache, so
 * a crash mid-write leaves the old file or the new one, never half of one. Concurrent processes
 * may both calibrate; the last to finish wins, which is harmless.
 */
public final class CalibrationCache {

    /** The cache file's name inside {@code ~/.helixrouter}. */
    public static final String FILE_NAME = "calibration.json";
    /** Largest cache file read; a real one is a few kilobytes. */
    static final long MAX_FILE_BYTES = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(CalibrationCache.class);

    private final Path file;
    private final Consumer<String> warnings;

    /** A cache in {@link #defaultFile()}, warning through SLF4J. */
    public CalibrationCache() {
        this(defaultFile());
    }

    /** A cache in {@code file}, warning through SLF4J. */
    public CalibrationCache(Path file) {
        this(file, LOG::warn);
    }

    /**
     * A cache in {@code file} that reports problems to {@code warnings} instead of logging
     * them. The sink is called on the caller's thread with one complete sentence per problem.
     */
    public CalibrationCache(Path file, Consumer<String> warnings) {
        this.file = Objects.requireNonNull(file, "file");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** {@code ~/.helixrouter/calibration.json}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".helixrouter", FILE_NAME);
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /**
     * The cached calibration for {@code calibrator}'s machine, or a fresh one.
     *
     * <p>Unless {@code forceRecalibrate}, a cached calibration whose fingerprint matches
     * {@code calibrator.machine()} is returned without timing anything. Otherwise the
     * calibrator runs (a second or two) and its result is written to the file.
     *
     * @throws RuntimeException only what {@link Calibrator#calibrate()} itself throws; problems
     *         with the file are reported, never thrown
     */
    public Calibration loadOrCalibrate(Calibrator calibrator, boolean forceRecalibrate) {
        Objects.requireNonNull(calibrator, "calibrator");
        if (!forceRecalibrate) {
            Optional<Calibration> cached = load(calibrator.machine().fingerprint());
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Calibration fresh = calibrator.calibrate();
        save(fresh);
        return fresh;
    }

    /**
     * The cached calibration, if the file holds a valid one with {@code fingerprint}. A missing
     * file is silently empty; a corrupt, unreadable or foreign one is reported and empty.
     */
    public Optional<Calibration> load(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Calibration cached;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                warn("calibration cache " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes, so it is not a calibration; recalibrating");
                return Optional.empty();
            }
            cached = Calibration.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // RuntimeException covers the parser's IllegalArgumentException and anything odd in
            // the file (bad UTF-8 is an IOException): a cache must never stop the program.
            warn("calibration cache " + file + " is unreadable (" + describe(e) + "); recalibrating");
            return Optional.empty();
        }
        if (!cached.fingerprint().equals(fingerprint)) {
            warn("calibration cache " + file + " was made for another machine or JVM ["
                    + cached.fingerprint() + "], this one is [" + fingerprint + "]; recalibrating");
            return Optional.empty();
        }
        return Optional.of(cached);
    }

    /**
     * Writes {@code calibration} to the file, replacing what was there. A failure is reported,
     * not thrown.
     *
     * @return whether the file was written
     */
    public boolean save(Calibration calibration) {
        Objects.requireNonNull(calibration, "calibration");
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
            Files.writeString(tmp, calibration.toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            warn("could not write calibration cache " + file + " (" + describe(e)
                    + "); this calibration is used but will be redone next time");
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort: a stray temporary file is untidy, not harmful.
                }
            }
            return false;
        }
    }

    private void warn(String message) {
        warnings.accept(message);
    }

    private static String describe(Exception e) {
        // The parser's messages say it all; an I/O exception's message is often just the path.
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof IllegalArgumentException ? m : e.getClass().getSimpleName() + ": " + m;
    }
}
