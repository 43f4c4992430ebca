package dev.helixrouter.workload;

import static dev.helixrouter.engine.TestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helixrouter.engine.DecisionEvent;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadDriverTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static List<Arrival> plan(long... offsetsMs) {
        List<Arrival> p = new ArrayList<>();
        for (int i = 0; i < offsetsMs.length; i++) {
            p.add(new Arrival(offsetsMs[i] * MS,
                    new Job(i + 1, JobKind.HASH_MIX, new long[] {i}, 1000, 0.1, 500), 0));
        }
        return p;
    }

    @Test
    void submitsEachJobAtItsIntendedTime_onTheInjectedClock() throws Exception {
        ManualTime time = new ManualTime();
        try (HelixRouter router = TestSupport.router(time, RouterConfig.defaults(2))) {
            LoadDriver.Run run = new LoadDriver(router, 2).start(plan(0, 100, 200), null);
            long start = run.startNanos();
            time.advanceTo(start);
            awaitTrue("first job", () -> run.submitted() == 1);
            time.advanceTo(start + 99 * MS);
            assertEquals(1, run.submitted(), "not before its time");
            time.advanceTo(start + 200 * MS);
            awaitTrue("all jobs", () -> run.submitted() == 3);
            run.await(Duration.ofSeconds(10));
            List<DecisionEvent> events = router.decisions().recent(10);
            assertEquals(3, events.size());
            assertEquals(3, router.sampleNow().completed());
        }
    }

    @Test
    void pause_shiftsTheRestOfTheSchedule_withoutABurst() throws Exception {
        ManualTime time = new ManualTime();
        try (HelixRouter router = TestSupport.router(time, RouterConfig.defaults(2))) {
            LoadDriver.Run run = new LoadDriver(router, 1).start(plan(0, 100, 110), null);
            long start = run.startNanos();
            time.advanceTo(start);
            awaitTrue("first job", () -> run.submitted() == 1);
            time.advanceTo(start + 50 * MS);
            run.pause();
            time.advanceTo(start + 150 * MS); // the second job's time passes while paused
            run.resume(); // paused for 100 ms: the rest of the schedule moves by 100 ms
            assertEquals(1, run.submitted(), "missed arrivals are not released at once");
            time.advanceTo(start + 200 * MS);
            awaitTrue("second job, shifted", () -> run.submitted() == 2);
            time.advanceTo(start + 210 * MS);
            awaitTrue("third job, shifted", () -> run.submitted() == 3);
            run.await(Duration.ofSeconds(10));
            List<DecisionEvent> events = router.decisions().recent(10);
            assertEquals(start + 200 * MS, events.get(1).timeNanos());
            assertEquals(start + 210 * MS, events.get(2).timeNanos());
        }
    }

    @Test
    void stop_endsTheRunEarly_andEverySubmittedJobStillEnds() throws Exception {
        ManualTime time = new ManualTime();
        try (HelixRouter router = TestSupport.router(time, RouterConfig.defaults(2))) {
            LoadDriver.Run run = new LoadDriver(router, 1).start(plan(0, 1000), null);
            time.advanceTo(run.startNanos());
            awaitTrue("first job", () -> run.submitted() == 1);
            run.stop();
            run.await(Duration.ofSeconds(10));
            assertEquals(1, run.submitted());
            assertEquals(1, run.ended());
        }
    }

    @Test
    void blockingJobs_waitThenRunTheirKernel() throws Exception {
        Job j = new Job(1, JobKind.PRIME_COUNT, new long[0], 10_000, 0.1, 50, true, Job.AT_SUBMIT);
        var out = LoadDriver.workOf(new Arrival(0, j, 1_000)).run();
        assertEquals(new dev.helixrouter.engine.Output.U64(1229), out);
    }
}
