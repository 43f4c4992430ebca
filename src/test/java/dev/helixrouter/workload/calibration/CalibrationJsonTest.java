package dev.helixrouter.workload.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.JobKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationJsonTest {

    @Test
    void calibration_roundTripsThroughJson() {
        Calibration calibration = new FakeKernels().builder().samples(3).build().calibrate();
        String json = calibration.toJson();
        assertEquals(calibration, Calibration.fromJson(json));
        assertTrue(json.contains("\"format\": \"helixrouter-calibration\""), json);
    }

    @Test
    void calibration_withMeasuredNoise_roundTripsBitForBit() {
        Calibration calibration = new Calibration(
                new ServiceModel(new ServiceModel.Line(53.0055368283447, 1.897426322459468, 0.9999996357404607),
                        ServiceModel.Line.of(-3461.979999999996, 0.724262), ServiceModel.Line.of(1e-300, 38.341137777777774)),
                List.of(new Calibration.Point(JobKind.HASH_MIX, 1_000, 101.00000000000001),
                        new Calibration.Point(JobKind.MONTE_CARLO_RISK, 10_000_000, 1_912_233.3333333333)),
                new Calibration.Machine(2, "AMD EPYC \"quoted\" \\ ünïcode", "amd64", "OpenJDK 64-Bit Server VM 25.0.1+8-LTS"),
                "cores=2; whatever", FakeKernels.AT);
        assertEquals(calibration, Calibration.fromJson(calibration.toJson()));
    }

    @Test
    void calibration_refusesForeignDocuments() {
        assertMessage("not a helixrouter-calibration document", "{\"HashMix\": {}}");
        String valid = new FakeKernels().builder().samples(1).build().calibrate().toJson();
        assertMessage("format_version: 2 is not supported", valid.replace("\"format_version\": 1", "\"format_version\": 2"));
        assertMessage("points[0].kind", valid.replaceFirst("\"kind\": \"HashMix\"", "\"kind\": \"bad kind!\""));
        assertMessage("calibrated_at", valid.replace("2026-11-22T10:00:00Z", "yesterday"));
        assertMessage("model.PrimeCount.slope_nanos", valid.replaceFirst("\"slope_nanos\": 0.75", "\"slope_nanos\": null"));
    }

    @Test
    void machine_readsTheCpuModelFromCpuinfo(@TempDir Path dir) throws IOException {
        Path x86 = dir.resolve("x86");
        Files.writeString(x86, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n");
        assertEquals("AMD EPYC 7B13", Calibration.Machine.readCpuModel(x86));

        Path arm = dir.resolve("arm");
        Files.writeString(arm, "processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd0c\n\nHardware\t: Neoverse board\n");
        assertEquals("Neoverse board", Calibration.Machine.readCpuModel(arm));

        assertEquals(Calibration.Machine.UNKNOWN, Calibration.Machine.readCpuModel(dir.resolve("missing")));
    }

    @Test
    void machine_fingerprintNamesEveryPart() {
        String fp = new Calibration.Machine(2, "AMD EPYC", "amd64", "VM 25").fingerprint();
        assertEquals("cores=2; cpu=AMD EPYC; arch=amd64; jvm=VM 25; kernels=" + Calibration.KERNEL_VERSION, fp);
        Calibration.Machine here = Calibration.Machine.current();
        assertEquals(Runtime.getRuntime().availableProcessors(), here.cores());
        assertTrue(here.jvmVersion().contains(Runtime.version().toString()), here.jvmVersion());
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.fromJson(json));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
