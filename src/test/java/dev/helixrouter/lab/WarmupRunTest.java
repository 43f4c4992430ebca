package dev.helixrouter.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The warm-up itself, without any window. */
class WarmupRunTest {

    static boolean anyThreadAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
    }

    static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }

    @Test
    void warmupConfig_isTheDefaults_withTheBusyGate() {
        RouterConfig c = WarmupRun.warmupConfig();
        assertEquals(GateMode.BUSY, c.backpressureGate());
        assertEquals(RouterConfig.defaults().toBuilder().backpressureGate(GateMode.BUSY).build(), c);
    }

    @Test
    void runsEveryJobToAnEnd_andPublishesTheFinalSnapshot() throws TimeoutException {
        try (WarmupRun run = WarmupRun.start(WarmupRun.warmupConfig(), 200, 7)) {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, run::isFinished);
            assertNull(run.error());
            assertEquals(200, run.endedCount());
            // Final numbers without waiting for the sampler's next tick: the worker called sampleNow().
            RouterSnapshot s = run.snapshot();
            assertEquals(200, s.submitted());
            assertEquals(200, s.completed() + s.dropped() + s.failed());
            assertEquals(0, s.inFlight());
            long routed = Arrays.stream(Strategy.values()).mapToLong(s::routed).sum();
            assertEquals(200, routed);
        }
    }

    @Test
    void submitsFromANamedPlatformThread() throws Exception {
        try (WarmupRun run = WarmupRun.start(WarmupRun.warmupConfig(), 50, 3)) {
            Thread worker = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(run.workerName())).findFirst().orElse(null);
            if (worker != null) { // it may already have finished
                assertFalse(worker.isVirtual());
            }
            assertTrue(run.workerName().startsWith("helix-lab-warmup-"));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, run::isFinished);
        }
    }

    @Test
    void close_stopsTheRouter_andLeavesNoThreads() throws TimeoutException {
        WarmupRun run = WarmupRun.start(WarmupRun.warmupConfig(), 2_000, 11);
        run.close(); // possibly mid-run: queued jobs are dropped, running ones get the grace
        assertTrue(run.router().isClosed());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, run::isFinished);
        RouterSnapshot s = run.snapshot();
        assertEquals(s.submitted(), s.completed() + s.dropped() + s.failed());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !anyThreadAlive(run.threadPrefix() + "-") && !threadAlive(run.workerName()));
    }
}
