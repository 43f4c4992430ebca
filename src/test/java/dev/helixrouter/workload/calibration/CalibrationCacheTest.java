package dev.helixrouter.workload.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationCacheTest {

    private static final Calibration.Machine OTHER =
            new Calibration.Machine(64, "Other CPU", "aarch64", "OtherVM 26");

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private CalibrationCache cache() {
        return new CalibrationCache(dir.resolve("sub").resolve("calibration.json"), warnings::add);
    }

    private static Calibrator fakeCalibrator(Calibration.Machine machine) {
        return new FakeKernels().builder().machine(machine).warmupNanos(0).samples(1).build();
    }

    @Test
    void miss_calibratesAndWritesTheFile() throws IOException {
        CalibrationCache cache = cache();
        Calibration fresh = cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);

        assertTrue(Files.isRegularFile(cache.file()));
        assertEquals(fresh, Calibration.fromJson(Files.readString(cache.file())));
        assertEquals(List.of(), warnings); // a missing file is not worth a warning
    }

    @Test
    void hit_returnsTheCachedCalibrationWithoutTimingAnything() {
        CalibrationCache cache = cache();
        Calibration first = cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);

        Calibration second = cache.loadOrCalibrate(FakeKernels.throwingCalibrator(FakeKernels.MACHINE), false);

        assertEquals(first, second);
        assertEquals(List.of(), warnings);
    }

    @Test
    void forceRecalibrate_ignoresAHit() {
        CalibrationCache cache = cache();
        cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);
        FakeKernels fake = new FakeKernels();
        cache.loadOrCalibrate(fake.builder().warmupNanos(0).samples(1).build(), true);
        assertTrue(fake.calls > 0);
    }

    @Test
    void otherFingerprint_isReportedRecalibratedAndReplaced() throws IOException {
        CalibrationCache cache = cache();
        cache.loadOrCalibrate(fakeCalibrator(OTHER), false);

        Calibration mine = cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);

        assertEquals(FakeKernels.MACHINE.fingerprint(), mine.fingerprint());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("another machine"), warnings.getFirst());
        assertTrue(warnings.getFirst().contains("cores=64"), warnings.getFirst());
        assertEquals(mine, Calibration.fromJson(Files.readString(cache.file())));
    }

    @Test
    void corruptFile_isReportedRecalibratedAndRewritten() throws IOException {
        CalibrationCache cache = cache();
        Files.createDirectories(cache.file().getParent());
        Files.writeString(cache.file(), "{\"format\": \"helixrouter-calibration\", \"format_version\": 1, \"finger");

        Calibration fresh = cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("unreadable"), warnings.getFirst());
        assertTrue(warnings.getFirst().contains("malformed JSON"), warnings.getFirst());
        assertEquals(fresh, Calibration.fromJson(Files.readString(cache.file())));
    }

    @Test
    void foreignOrInvalidFiles_neverThrow() throws IOException {
        List<String> contents = List.of("", "null", "[]", "{\"hello\": 1}", "\u0000\u0001garbage",
                new FakeKernels().builder().samples(1).build().calibrate().toJson().replace("\"cores\": 4", "\"cores\": -4"),
                new FakeKernels().builder().samples(1).build().calibrate().toJson().replace("\"format_version\": 1", "\"format_version\": 99"));
        for (String content : contents) {
            warnings.clear();
            CalibrationCache cache = cache();
            Files.createDirectories(cache.file().getParent());
            Files.writeString(cache.file(), content);

            Calibration fresh = cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);

            assertEquals(FakeKernels.MACHINE.fingerprint(), fresh.fingerprint());
            assertEquals(1, warnings.size(), content + " -> " + warnings);
            assertEquals(fresh, Calibration.fromJson(Files.readString(cache.file())), content);
        }
    }

    @Test
    void invalidBytes_areReportedNotThrown() throws IOException {
        CalibrationCache cache = cache();
        Files.createDirectories(cache.file().getParent());
        Files.write(cache.file(), new byte[] {(byte) 0xC3, (byte) 0x28, '{'}); // not UTF-8
        cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void unwritableLocation_isReportedAndTheCalibrationStillReturned() throws IOException {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "a file where the cache directory should be");
        CalibrationCache cache = new CalibrationCache(blocker.resolve("calibration.json"), warnings::add);

        Calibration fresh = cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);

        assertEquals(FakeKernels.MACHINE.fingerprint(), fresh.fingerprint());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("could not write")), warnings.toString());
        assertFalse(cache.save(fresh));
    }

    @Test
    void directoryInPlaceOfTheFile_neverThrows() throws IOException {
        CalibrationCache cache = cache();
        Files.createDirectories(cache.file());
        Files.writeString(cache.file().resolve("keep"), "so the directory is not empty");

        Calibration fresh = cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);

        assertEquals(FakeKernels.MACHINE.fingerprint(), fresh.fingerprint());
        assertEquals(2, warnings.size(), warnings.toString()); // unreadable, then not writable
    }

    @Test
    void save_leavesNoTemporaryFiles() throws IOException {
        CalibrationCache cache = cache();
        cache.loadOrCalibrate(fakeCalibrator(FakeKernels.MACHINE), false);
        cache.loadOrCalibrate(fakeCalibrator(OTHER), false);
        try (var files = Files.list(cache.file().getParent())) {
            assertEquals(List.of(cache.file()), files.toList());
        }
    }

    @Test
    void defaultFile_isInTheUsersHelixDirectory() {
        Path expected = Path.of(System.getProperty("user.home"), ".helixrouter", "calibration.json");
        assertEquals(expected, CalibrationCache.defaultFile());
        assertNotEquals(expected, cache().file());
    }
}
