package dev.helixrouter.bench.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shootout's quick mode, end to end with every system: the tables are complete and sane.
 * Nothing here says anything about speed — on a shared 2-core machine the figures are noise;
 * only their shape is checked.
 */
class ShootoutSmokeTest {

    @Test
    void quickRun_everySystemAndPhase_hasACompleteSaneRow(@TempDir Path out) throws Exception {
        ShootoutOptions options = ShootoutOptions.parse(
                List.of("--quick", "--phase-seconds", "0.25", "--out", out.toString()), "smoke test");
        Shootout.Result r = new Shootout(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();
        ShootoutReport.write(r);

        assertEquals(0, r.conflicts(), "no job may end twice");
        assertEquals(0, r.unfinished(), "every job ends before the drain limit");
        List<Row> rows = r.perSeed().getFirst();
        List<LoadShape.Phase> phases = options.shape().phases();
        assertEquals(SystemKind.all().size() * phases.size(), rows.size());
        long jobs = r.seedsAndJobs().getFirst()[1];
        for (SystemKind kind : SystemKind.all()) {
            long total = 0;
            for (LoadShape.Phase p : phases) {
                Row row = rows.stream().filter(x -> x.system().equals(kind.label()) && x.phase().equals(p.name()))
                        .findFirst().orElseThrow(() -> new AssertionError("no row " + kind.label() + " " + p.name()));
                assertSane(row);
                total += (long) row.get("submitted");
            }
            assertEquals(jobs, total, kind.label() + ": every job of the trace is counted in exactly one phase");
        }

        String md = Files.readString(out.resolve("shootout.md"));
        for (SystemKind kind : SystemKind.all()) {
            assertTrue(md.contains("| " + kind.label() + " | 2x |"), kind.label() + " in the markdown table");
        }
        assertTrue(md.contains("command: `smoke test`") && md.contains("machine: ") && md.contains("date: "));
        assertTrue(md.contains("## Targets"));
        List<String> csv = Files.readAllLines(out.resolve("shootout.csv"));
        assertEquals(1 + rows.size(), csv.size());
        assertEquals(csv, Files.readAllLines(out.resolve("shootout-seed-1.csv")), "one seed: the median is the run");
    }

    private static void assertSane(Row row) {
        String what = row.system() + " " + row.phase() + ": ";
        double submitted = row.get("submitted");
        assertTrue(submitted > 0, what + "the phase has jobs");
        assertEquals(submitted, row.get("completed") + row.get("dropped") + row.get("failed"),
                what + "submitted = completed + dropped + failed");
        assertTrue(row.get("met") <= row.get("completed"), what + "met <= completed");
        double ofCeiling = row.get("of_ceiling");
        assertTrue(ofCeiling >= 0 && ofCeiling <= 1.2, what + "fraction of the ceiling " + ofCeiling);
        for (String rate : List.of("drop_rate", "late_rate")) {
            assertTrue(row.get(rate) >= 0 && row.get(rate) <= 1, what + rate);
        }
        double classSum = 0;
        for (JobClass c : JobClass.values()) {
            classSum += row.get("goodput_" + c.label());
        }
        assertEquals(row.get("goodput"), classSum, 1e-6, what + "goodput is the sum over classes");
        assertTrue(row.get("cpu_goodput_cores") >= 0 && row.get("wasted_cpu_cores") >= 0, what + "CPU figures");
        double recovery = row.get("recovery_s");
        assertTrue(recovery >= 0, what + "recovery time " + recovery);
    }
}
