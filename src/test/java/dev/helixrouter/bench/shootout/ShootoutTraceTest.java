package dev.helixrouter.bench.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShootoutTraceTest {
    private static final double LAMBDA = JobClass.lambdaStar(2);

    @Test
    void sameSeed_sameTrace_otherSeed_otherTrace() {
        ShootoutTrace a = ShootoutTrace.generate(7, LAMBDA, LoadShape.quick(1));
        ShootoutTrace b = ShootoutTrace.generate(7, LAMBDA, LoadShape.quick(1));
        ShootoutTrace c = ShootoutTrace.generate(8, LAMBDA, LoadShape.quick(1));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.offsetNanos(i), b.offsetNanos(i));
            assertEquals(a.jobClass(i), b.jobClass(i));
        }
        assertNotEquals(a.offsetNanos(10), c.offsetNanos(10));
    }

    @Test
    void fullTrace_followsThePhaseRates_andTheClassShares() {
        ShootoutTrace t = ShootoutTrace.generate(1, LAMBDA, LoadShape.full());
        LoadShape shape = t.shape();
        double[] multiples = {0.5, 0.9, 2.0, 1.0, (3.0 + 0.3) / 2};
        for (int p = 0; p < multiples.length; p++) {
            LoadShape.Phase phase = shape.phases().get(p);
            int n = t.dueBy(phase.endNanos() - 1) - t.dueBy(phase.startNanos() - 1);
            double expected = multiples[p] * LAMBDA * phase.seconds();
            assertEquals(expected, n, 5 * Math.sqrt(expected), phase.name());
        }
        Map<JobClass, Integer> counts = new EnumMap<>(JobClass.class);
        for (int i = 0; i < t.size(); i++) {
            counts.merge(t.jobClass(i), 1, Integer::sum);
            assertTrue(i == 0 || t.offsetNanos(i) >= t.offsetNanos(i - 1), "offsets never go back");
        }
        for (JobClass c : JobClass.values()) {
            assertEquals(c.share(), (double) counts.get(c) / t.size(), 0.01, c.label());
        }
    }

    @Test
    void lambdaStar_isCoresOverMeanCpu() {
        // 0.55 * 2 + 0.25 * 200 + 0.05 * 20 000 + 0.05 * 0 + 0.10 * 55 = 1 056.6 µs
        assertEquals(1_056_600, JobClass.meanCpuNanos(), 1e-6);
        assertEquals(2 / 1.0566e-3, JobClass.lambdaStar(2), 1e-6);
    }

    @Test
    void quickShape_rejectsALengthOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> LoadShape.quick(0.01));
    }
}
