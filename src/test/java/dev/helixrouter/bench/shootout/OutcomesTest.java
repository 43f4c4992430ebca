package dev.helixrouter.bench.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutcomesTest {

    @Test
    void eachJobEndsOnce_aSecondEndIsAConflict() {
        Outcomes o = new Outcomes(new long[] {100, 200});
        assertTrue(o.start(0));
        o.complete(0, 150);
        o.drop(0);
        assertEquals(Outcomes.End.COMPLETED, o.end(0));
        assertEquals(50, o.latencyNanos(0));
        assertEquals(1, o.conflicts());
    }

    @Test
    void abandoned_jobsFail_unstartedNeverRun_runningOnesEndWithoutConflict() {
        Outcomes o = new Outcomes(new long[] {0, 0, 0});
        o.drop(0);
        assertTrue(o.start(1));
        assertEquals(2, o.abandonUnfinished());
        assertFalse(o.start(2), "a job failed as unfinished must not run");
        o.complete(1, 10);
        assertEquals(Outcomes.End.FAILED, o.end(1));
        assertEquals(Outcomes.End.DROPPED, o.end(0));
        assertEquals(0, o.conflicts());
        assertEquals(3, o.endedCount());
    }
}
