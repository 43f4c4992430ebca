package dev.helixrouter.adapt;

import static dev.helixrouter.adapt.AutoscalerTest.recommended;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.adapt.AutoscalerTest.Feed;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.config.AutoscalerMode;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.time.ManualTime;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Mode apply: the autoscaler resizes a real router's lane through its versioned config. */
class AutoscalerApplyTest {
    private static final long SECOND = 1_000_000_000L;

    private static RouterConfig.Builder applying() {
        return AutoscalerTest.config().autoscalerMode(AutoscalerMode.APPLY).cpuParallelism(2)
                .autoscalerMaxParallelism(8);
    }

    private static HelixRouter router(ManualTime time, RouterConfig cfg) {
        return HelixRouter.builder().clock(time).scheduler(time).config(cfg).build();
    }

    /** The feed's next second, as measured under the router's current config version. */
    private static RouterSnapshot second(Feed feed, HelixRouter router, long lane, double serviceMs) {
        feed.configVersion = router.currentConfig().version();
        return feed.second(lane, serviceMs);
    }

    @Test
    void apply_resizesTheLane() {
        ManualTime time = new ManualTime();
        try (HelixRouter router = router(time, applying().autoscalerWindowS(2).build())) {
            Autoscaler a = new Autoscaler(router.config());
            Feed feed = new Feed();
            a.accept(second(feed, router, 1000, 4.0)); // 1000/s x 4 ms = 4 workers; 4 / 4 ms x 200 ms = 200
            RouterConfig now = router.currentConfig().config();
            assertEquals(4, now.cpuParallelism());
            assertEquals(200, now.cpuQueueCap());
            assertEquals(2, router.currentConfig().version());
            RouterSnapshot s = router.sampleNow();
            assertEquals(4, s.parallelism(), "the lane really has 4 workers");
            assertEquals(200, s.queueCapacity(), "and the new bound");
            assertEquals("applied", a.state().get("apply_status"));
            assertEquals(2L, a.state().get("applied_version"));

            for (int i = 0; i < 3; i++) {
                a.accept(second(feed, router, 500, 4.0)); // wants 2: the autoscaler shrinks it again
            }
            assertEquals(2, router.currentConfig().config().cpuParallelism());
            assertEquals(2, router.sampleNow().parallelism());
        }
    }

    @Test
    void apply_lowersAnExplicitBusyThresholdAboveTheNewParallelism() {
        ManualTime time = new ManualTime();
        RouterConfig cfg = applying().cpuParallelism(8).backpressureBusyThreshold(7).build();
        try (HelixRouter router = router(time, cfg)) {
            Autoscaler a = new Autoscaler(router.config());
            a.accept(second(new Feed(), router, 1000, 3.0));
            RouterConfig now = router.currentConfig().config();
            assertEquals(3, now.cpuParallelism());
            assertEquals(OptionalInt.of(3), now.backpressureBusyThreshold());
            assertTrue(now.violations().isEmpty());
        }
    }

    @Test
    void aConcurrentEdit_isNotOverwritten_andTheAutoscalerRetriesNextInterval() {
        ManualTime time = new ManualTime();
        RouterConfig cfg = applying().autoscalerCooldownS(10).build();
        try (HelixRouter router = router(time, cfg)) {
            Autoscaler a = new Autoscaler(router.config());
            Feed feed = new Feed();
            feed.configVersion = router.currentConfig().version(); // the interval closes under version 1 ...
            RouterSnapshot closed = feed.second(1000, 6.0);
            router.config().patch(ConfigPatch.builder().set(ConfigKey.CPU_PARALLELISM, 3).build()); // ... a user edits
            a.accept(closed);
            assertEquals(3, router.currentConfig().config().cpuParallelism(), "the user's edit stands");
            assertEquals(2, router.currentConfig().version());
            assertEquals("refused", a.state().get("apply_status"));
            assertTrue(String.valueOf(a.state().get("apply_refused")).contains("another writer"),
                    String.valueOf(a.state().get("apply_refused")));

            a.accept(second(feed, router, 1000, 6.0)); // one second later, on version 2
            assertEquals(6, router.currentConfig().config().cpuParallelism(),
                    "a refused apply starts no cooldown: " + a.state().get("reason"));
            assertEquals(6, router.sampleNow().parallelism());
        }
    }

    @Test
    void aStaleVersion_isRefused_whateverTheValues() {
        ConfigStore store = new ConfigStore(applying().build());
        store.patch(ConfigPatch.builder().set(ConfigKey.BATCH_MAX_SIZE, 16).build()); // version 2
        Autoscaler a = new Autoscaler(store);
        Feed feed = new Feed();
        feed.configVersion = 1;
        a.accept(feed.second(1000, 4.0));
        assertEquals(2, store.config().cpuParallelism());
        assertEquals(2, store.current().version());
        assertEquals(4, recommended(a), "still recommended");
    }

    @Test
    void applyWithoutAStoreYet_onlyRecommends() {
        Autoscaler a = new Autoscaler(() -> applying().build(), Optional::empty);
        a.accept(new Feed().second(1000, 4.0));
        assertEquals(4, recommended(a));
        assertEquals("refused", a.state().get("apply_status"));
    }

    @Test
    void installedOnTheSampler_itShrinksAnIdleLane_andPublishesItsState() {
        // Wired the way the adaptive layer does it: the router exists only after the build.
        ManualTime time = new ManualTime();
        RouterConfig cfg = applying().cpuParallelism(4).metricsIntervalMs(1000).build();
        AtomicReference<HelixRouter> built = new AtomicReference<>();
        Autoscaler a = new Autoscaler(() -> built.get() == null ? cfg : built.get().currentConfig().config(),
                () -> Optional.ofNullable(built.get()).map(HelixRouter::config));
        RouterBuilder b = HelixRouter.builder().clock(time).scheduler(time).config(cfg)
                .onInterval(a).extension("autoscaler", a::state);
        try (HelixRouter router = b.build()) {
            built.set(router);
            assertEquals(4, router.snapshot().parallelism());
            time.advance(SECOND); // no arrivals: 0 workers needed, autoscaler_min_parallelism 1
            assertEquals(1, router.currentConfig().config().cpuParallelism());
            time.advance(SECOND);
            RouterSnapshot s = router.snapshot();
            assertEquals(1, s.parallelism(), "the sampler's next snapshot shows the smaller lane");
            @SuppressWarnings("unchecked")
            Map<String, Object> ext = (Map<String, Object>) s.extensions().get("autoscaler");
            assertEquals("apply", ext.get("mode"));
            assertEquals(1, ext.get("recommended_parallelism"));
            assertEquals(0.0, ((Number) ext.get("forecast_rate")).doubleValue());
        }
    }
}
