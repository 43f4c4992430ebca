package dev.helixrouter.bench.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CeilingTest {

    @Test
    void underLoad_theCeilingIsEveryJob() {
        ShootoutTrace t = ShootoutTrace.generate(3, JobClass.lambdaStar(2), LoadShape.full());
        LoadShape.Phase half = t.shape().phases().getFirst();
        int jobs = t.dueBy(half.endNanos() - 1);
        assertEquals(jobs / half.seconds(), Ceiling.of(t, half, 2), 1e-9);
    }

    @Test
    void atTwiceCapacity_theCeilingServesAllButSomeHeavyJobs() {
        ShootoutTrace t = ShootoutTrace.generate(3, JobClass.lambdaStar(2), LoadShape.full());
        LoadShape.Phase overload = t.shape().phases().get(2);
        int from = t.dueBy(overload.startNanos() - 1);
        int to = t.dueBy(overload.endNanos() - 1);
        int heavy = 0;
        for (int i = from; i < to; i++) {
            heavy += t.jobClass(i) == JobClass.HEAVY ? 1 : 0;
        }
        double ceiling = Ceiling.of(t, overload, 2) * overload.seconds();
        assertTrue(ceiling > to - from - heavy, "every light job fits");
        assertTrue(ceiling < to - from, "not every heavy job fits");
        // 2 cores x 20 s = 40 s of CPU: the light jobs take ~5 %, the rest is ~ (40 - 2) / 0.02 heavy jobs
        assertEquals(to - from - heavy + 1900, ceiling, 100);
    }
}
