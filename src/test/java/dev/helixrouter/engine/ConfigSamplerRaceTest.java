package dev.helixrouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigUpdate;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Regression: a config change that reschedules the sampler while another thread closes an
 * interval must not deadlock (the store's listeners and the sampler once took two locks in
 * opposite orders).
 */
class ConfigSamplerRaceTest {
    @Test
    void intervalChanges_whileSampling_neverDeadlock() throws Exception {
        try (HelixRouter router = HelixRouter.builder().config(TestSupport.config().build()).build()) {
            CountDownLatch done = new CountDownLatch(2);
            Thread sampler = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    router.sampleNow();
                }
                done.countDown();
            });
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    long ms = 100 + (i & 1);
                    ConfigUpdate u = router.config().update(c -> c.toBuilder().metricsIntervalMs(ms).build(),
                            OptionalLong.empty());
                    assertTrue(u.isApplied(), u.toString());
                }
                done.countDown();
            });
            assertTrue(done.await(60, TimeUnit.SECONDS), "sampler and config writer finished (no deadlock)");
            sampler.join();
            writer.join();
            assertEquals(2_001, router.currentConfig().version());
        }
    }
}
