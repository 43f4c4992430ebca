package dev.helixrouter.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link ConfigStore}: versions, atomic all-or-nothing changes, conflicts and listeners. */
class ConfigStoreTest {

    private static final RouterConfig D8 = RouterConfig.defaults(8);

    private static ConfigPatch patch(String json) {
        return RouterConfigJson.parsePatch(json);
    }

    @Test
    void newStore_holdsTheInitialConfigAsVersionOne() {
        ConfigStore store = new ConfigStore(D8);
        assertEquals(new AppliedConfig(1, D8), store.current());
        assertSame(D8, store.config());
    }

    @Test
    void invalidInitialConfig_isRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigStore(D8.toBuilder().emaAlpha(0).batchMaxSize(0).build()));
        assertEquals(2, e.violations().size());
    }

    @Test
    void patch_mergesOnlyTheNamedKeys_andBumpsTheVersion() {
        RouterConfig start = RouterConfigKeysTest.ALL_CHANGED;
        ConfigStore store = new ConfigStore(start);
        ConfigUpdate u = store.patch(patch("{\"batch_max_size\": 16, \"ema_alpha\": 0.5}"));
        ConfigUpdate.Applied applied = assertInstanceOf(ConfigUpdate.Applied.class, u);
        assertTrue(applied.changed());
        assertEquals(new AppliedConfig(1, start), applied.previous());
        assertEquals(new AppliedConfig(2, start.toBuilder().batchMaxSize(16).emaAlpha(0.5).build()), applied.current());
        assertSame(applied.current(), store.current());
    }

    @Test
    void patchBreakingACrossKeyRule_isRejected_andTheStoreIsUnchanged() {
        ConfigStore store = new ConfigStore(D8);
        List<ConfigUpdate.Applied> heard = new ArrayList<>();
        store.addListener(heard::add);
        AppliedConfig before = store.current();

        // Valid on its own, but above the spawn_threshold in force (60000); ema_alpha is fine.
        ConfigUpdate u = store.patch(patch("{\"inline_threshold\": 70000, \"ema_alpha\": 0.5}"));

        ConfigUpdate.Rejected r = assertInstanceOf(ConfigUpdate.Rejected.class, u);
        assertEquals(List.of(new ConfigViolation("inline_threshold", "must be < spawn_threshold (60000), was 70000")),
                r.violations());
        assertFalse(u.isApplied());
        assertSame(before, store.current(), "nothing of the patch was applied, not even ema_alpha");
        assertEquals(List.of(), heard);
    }

    @Test
    void patchMovingBothThresholdsTogether_isApplied() {
        ConfigStore store = new ConfigStore(D8);
        ConfigUpdate u = store.patch(patch("{\"inline_threshold\": 70000, \"spawn_threshold\": 90000}"));
        assertTrue(u.isApplied());
        assertEquals(70000, store.config().inlineThreshold());
    }

    @Test
    void replace_installsTheWholeConfig_orRejectsEveryViolation() {
        ConfigStore store = new ConfigStore(D8);
        RouterConfig next = RouterConfigJson.parse("{\"cpu_parallelism\": 4, \"cpu_queue_cap\": 64}", D8);
        assertTrue(store.replace(next).isApplied());
        assertEquals(new AppliedConfig(2, next), store.current());

        ConfigUpdate u = store.replace(next.toBuilder().cpuQueueCap(2).metricsIntervalMs(1).build());
        ConfigUpdate.Rejected r = assertInstanceOf(ConfigUpdate.Rejected.class, u);
        assertEquals(List.of("cpu_queue_cap", "metrics_interval_ms"),
                r.violations().stream().map(ConfigViolation::key).toList());
        assertEquals(new AppliedConfig(2, next), store.current());
    }

    @Test
    void staleExpectedVersion_isAConflict_andChangesNothing() {
        ConfigStore store = new ConfigStore(D8);
        long sliderStartedFrom = store.current().version();
        store.patch(patch("{\"cpu_parallelism\": 6}")); // the autoscaler gets there first
        AppliedConfig afterAutoscaler = store.current();

        ConfigUpdate u = store.patch(patch("{\"batch_max_size\": 32}"), OptionalLong.of(sliderStartedFrom));

        assertEquals(new ConfigUpdate.Conflict(1, 2), u);
        assertSame(afterAutoscaler, store.current());
    }

    @Test
    void matchingExpectedVersion_isApplied() {
        ConfigStore store = new ConfigStore(D8);
        ConfigUpdate u = store.patch(patch("{\"batch_max_size\": 32}"), OptionalLong.of(1));
        assertTrue(u.isApplied());
        assertEquals(2, store.current().version());
        assertEquals(new ConfigUpdate.Conflict(1, 2), store.replace(D8, OptionalLong.of(1)));
    }

    @Test
    void conflict_isReportedBeforeValidation_andTheChangeIsNeverComputed() {
        ConfigStore store = new ConfigStore(D8);
        store.patch(patch("{\"batch_max_size\": 32}"));
        AtomicInteger calls = new AtomicInteger();
        ConfigUpdate u = store.update(c -> {
            calls.incrementAndGet();
            return c.toBuilder().emaAlpha(0).build();
        }, OptionalLong.of(1));
        assertInstanceOf(ConfigUpdate.Conflict.class, u);
        assertEquals(0, calls.get());
    }

    @Test
    void noOpChange_isApplied_withoutSpendingAVersion_orNotifying() {
        ConfigStore store = new ConfigStore(D8);
        List<ConfigUpdate.Applied> heard = new ArrayList<>();
        store.addListener(heard::add);
        ConfigUpdate.Applied a = assertInstanceOf(ConfigUpdate.Applied.class,
                store.patch(patch("{\"batch_max_size\": 8}")));
        assertFalse(a.changed());
        assertSame(a.previous(), a.current());
        assertEquals(1, store.current().version());
        assertTrue(store.patch(ConfigPatch.empty()).isApplied());
        assertEquals(List.of(), heard);
    }

    @Test
    void update_appliesAFunctionOfTheConfigInForce() {
        ConfigStore store = new ConfigStore(D8);
        ConfigUpdate u = store.update(c -> c.toBuilder().cpuParallelism(c.cpuParallelism() / 2).build());
        assertTrue(u.isApplied());
        assertEquals(4, store.config().cpuParallelism());
    }

    @Test
    void changingTheStoreFromInsideAChangeFunction_isRefused() {
        ConfigStore store = new ConfigStore(D8);
        assertThrows(IllegalStateException.class, () -> store.update(c -> {
            store.patch(patch("{\"batch_max_size\": 2}"));
            return c;
        }));
        assertEquals(new AppliedConfig(1, D8), store.current());
        assertTrue(store.patch(patch("{\"batch_max_size\": 2}")).isApplied(), "the store still works");
    }

    @Test
    void listeners_hearEachVersion_inOrder() {
        ConfigStore store = new ConfigStore(D8);
        List<Long> versions = new ArrayList<>();
        store.addListener(a -> versions.add(a.current().version()));
        store.patch(patch("{\"batch_max_size\": 2}"));
        store.patch(patch("{\"batch_max_size\": 2}")); // no-op
        store.patch(patch("{\"batch_max_size\": 0}")); // rejected
        store.patch(patch("{\"batch_max_size\": 3}"));
        assertEquals(List.of(2L, 3L), versions);
    }

    @Test
    void failingListener_isLoggedAndSkipped_theStoreAndOtherListenersCarryOn() {
        Logger logger = (Logger) LoggerFactory.getLogger(ConfigStore.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        logger.setAdditive(false); // keep the expected stack traces out of the build output
        try {
            ConfigStore store = new ConfigStore(D8);
            List<Long> heard = new ArrayList<>();
            store.addListener(a -> {
                throw new IllegalStateException("listener bug");
            });
            store.addListener(a -> heard.add(a.current().version()));
            assertTrue(store.patch(patch("{\"batch_max_size\": 2}")).isApplied());
            assertTrue(store.patch(patch("{\"batch_max_size\": 3}")).isApplied());
            assertEquals(List.of(2L, 3L), heard);
            assertEquals(3, store.current().version());

            assertEquals(2, logged.list.size());
            ILoggingEvent first = logged.list.getFirst();
            assertEquals(Level.WARN, first.getLevel());
            assertTrue(first.getFormattedMessage().contains("failed on version 2"), first.getFormattedMessage());
            assertEquals("listener bug", first.getThrowableProxy().getMessage());
        } finally {
            logger.detachAppender(logged);
            logger.setAdditive(true);
        }
    }

    @Test
    void removedListener_hearsNoMore() {
        ConfigStore store = new ConfigStore(D8);
        List<Long> heard = new ArrayList<>();
        java.util.function.Consumer<ConfigUpdate.Applied> listener = a -> heard.add(a.current().version());
        store.addListener(listener);
        store.patch(patch("{\"batch_max_size\": 2}"));
        assertTrue(store.removeListener(listener));
        store.patch(patch("{\"batch_max_size\": 3}"));
        assertEquals(List.of(2L), heard);
    }

    @Test
    void listenerMayChangeTheStore_itsChangeIsDeliveredAfterItReturns() {
        ConfigStore store = new ConfigStore(D8);
        List<String> log = new ArrayList<>();
        store.addListener(a -> {
            log.add("enter " + a.current().version());
            if (a.current().config().batchMaxSize() == 2) {
                // e.g. a rule "a tiny batch also gets a short delay"
                assertTrue(store.patch(patch("{\"batch_max_delay_ms\": 1}")).isApplied());
            }
            log.add("leave " + a.current().version());
        });
        store.patch(patch("{\"batch_max_size\": 2}"));
        assertEquals(List.of("enter 2", "leave 2", "enter 3", "leave 3"), log);
        assertEquals(1, store.config().batchMaxDelayMs());
    }

    @Test
    void concurrentPatches_areEachAppliedOnce_withStrictlyIncreasingVersions_heardInOrder() throws Exception {
        int threads = 8;
        int patchesPerThread = 250;
        ConfigStore store = new ConfigStore(D8);
        List<ConfigUpdate.Applied> heard = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger listenersInside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        store.addListener(a -> {
            if (listenersInside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            heard.add(a);
            listenersInside.decrementAndGet();
        });

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> myVersions = new ArrayList<>();
                    for (int i = 0; i < patchesPerThread; i++) {
                        // A value no other patch uses, so every patch is a real change.
                        int value = 1 + thread * patchesPerThread + i;
                        ConfigUpdate u = store.patch(ConfigPatch.builder().set(ConfigKey.SPAWN_MAX_IN_FLIGHT, value).build());
                        ConfigUpdate.Applied a = (ConfigUpdate.Applied) u;
                        assertEquals(value, a.current().config().spawnMaxInFlight());
                        myVersions.add(a.current().version());
                    }
                    return myVersions;
                }));
            }
            start.countDown();
            Set<Long> allVersions = new HashSet<>();
            for (Future<List<Long>> f : results) {
                List<Long> mine = f.get(30, TimeUnit.SECONDS);
                for (int i = 1; i < mine.size(); i++) {
                    assertTrue(mine.get(i) > mine.get(i - 1), "one writer's versions increase");
                }
                allVersions.addAll(mine);
            }
            int total = threads * patchesPerThread;
            assertEquals(total, allVersions.size(), "every patch got its own version");
            assertEquals(1 + total, store.current().version());

            // Every writer has returned, so every version has been delivered.
            assertEquals(0, overlaps.get(), "listeners never ran concurrently");
            assertEquals(total, heard.size());
            Set<Integer> values = new HashSet<>();
            for (int i = 0; i < total; i++) {
                ConfigUpdate.Applied a = heard.get(i);
                assertEquals(2 + i, a.current().version(), "heard in version order, each once");
                assertEquals(a.current().version() - 1, a.previous().version());
                if (i > 0) {
                    assertSame(heard.get(i - 1).current(), a.previous(), "each change starts where the last ended");
                }
                values.add(a.current().config().spawnMaxInFlight());
            }
            assertEquals(total, values.size(), "every patch's value was in force exactly once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentOptimisticWriters_loseNoUpdate() throws Exception {
        int threads = 8;
        int incrementsPerThread = 100;
        ConfigStore store = new ConfigStore(D8.toBuilder().spawnMaxInFlight(1).build());
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < incrementsPerThread; i++) {
                        // Read, compute, write back naming the version read: a debounced slider's loop.
                        while (true) {
                            AppliedConfig seen = store.current();
                            ConfigPatch p = ConfigPatch.builder().set(ConfigKey.SPAWN_MAX_IN_FLIGHT,
                                    seen.config().spawnMaxInFlight() + 1).build();
                            ConfigUpdate u = store.patch(p, OptionalLong.of(seen.version()));
                            if (u.isApplied()) {
                                break;
                            }
                            assertInstanceOf(ConfigUpdate.Conflict.class, u);
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1 + threads * incrementsPerThread, store.config().spawnMaxInFlight());
        assertEquals(1 + threads * incrementsPerThread, store.current().version());
    }
}
