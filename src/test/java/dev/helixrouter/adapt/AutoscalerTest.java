package dev.helixrouter.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.AutoscalerMode;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.PressureReading;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The autoscaler's arithmetic and its guards against flapping, on hand-built snapshots. */
class AutoscalerTest {

    /** A recommend-mode config of a large machine, no hysteresis, no cooldown. */
    static RouterConfig.Builder config() {
        return RouterConfig.defaults(2).toBuilder().autoscalerMode(AutoscalerMode.RECOMMEND)
                .autoscalerMaxParallelism(64).autoscalerHysteresis(0).autoscalerCooldownS(0);
    }

    /**
     * Builds the snapshots a router would publish, one interval at a time, from what happened in
     * each interval: jobs routed to the CPU lane (all completed within it at a given service
     * time), jobs routed elsewhere (inline), and lane-bound jobs shed by the deadline gate.
     */
    static final class Feed {
        private long sequence;
        private long nanos = 1_000_000_000L;
        private final long start = nanos;
        private final long[] routed = new long[Strategy.values().length];
        private final long[] dropped = new long[DropReason.values().length];
        private long submitted;
        private long completed;
        long configVersion = 1;
        int parallelism = 2;
        int queueCap = 512;

        /** One interval of {@code secs} seconds. */
        RouterSnapshot interval(double secs, long lane, long inline, long shed, double serviceMs) {
            long length = Math.round(secs * 1e9);
            nanos += length;
            sequence++;
            routed[Strategy.CPU_POOL.ordinal()] += lane;
            routed[Strategy.INLINE.ordinal()] += inline;
            routed[Strategy.DROP.ordinal()] += shed;
            dropped[DropReason.DEADLINE.ordinal()] += shed;
            submitted += lane + inline + shed;
            completed += lane + inline;
            Map<Strategy, StrategyStats> st = new EnumMap<>(Strategy.class);
            for (Strategy s : Strategy.values()) {
                long n = routed[s.ordinal()];
                LatencyStats service = s == Strategy.CPU_POOL ? latency(lane, serviceMs) : LatencyStats.EMPTY;
                st.put(s, new StrategyStats(s, n, s == Strategy.DROP ? 0 : n, 0, 0, 0, LatencyStats.EMPTY,
                        LatencyStats.EMPTY, LatencyStats.EMPTY, LatencyStats.EMPTY,
                        s == Strategy.CPU_POOL ? lane : 0, 0, LatencyStats.EMPTY, service));
            }
            Map<DropReason, Long> reasons = new EnumMap<>(DropReason.class);
            long drops = 0;
            for (DropReason r : DropReason.values()) {
                reasons.put(r, dropped[r.ordinal()]);
                drops += dropped[r.ordinal()];
            }
            return new RouterSnapshot(sequence, nanos, nanos - start, length, configVersion, submitted, completed,
                    drops, reasons, 0, 0, st, Map.of(), 0, queueCap, 0, parallelism, 0, 0, Map.of(), PressureReading.NONE,
                    60_000, 0, 0, 0, 0, Map.of());
        }

        /** One second with {@code lane} jobs at {@code serviceMs} on the lane. */
        RouterSnapshot second(long lane, double serviceMs) {
            return interval(1, lane, 0, 0, serviceMs);
        }

        private static LatencyStats latency(long count, double ms) {
            double us = ms * 1000;
            return count == 0 ? LatencyStats.EMPTY : new LatencyStats(count, us, us, us, us, us, us, us, us);
        }
    }

    /** An autoscaler on {@code cfg} after {@code seconds} identical one-second intervals. */
    private static Autoscaler steady(RouterConfig cfg, int seconds, long lane, long inline, long shed,
                                     double serviceMs) {
        Autoscaler a = new Autoscaler(new ConfigStore(cfg));
        Feed feed = new Feed();
        for (int i = 0; i < seconds; i++) {
            a.accept(feed.interval(1, lane, inline, shed, serviceMs));
        }
        return a;
    }

    static int recommended(Autoscaler a) {
        return ((Number) a.state().get("recommended_parallelism")).intValue();
    }

    static int recommendedQueueCap(Autoscaler a) {
        return ((Number) a.state().get("recommended_queue_cap")).intValue();
    }

    static double number(Autoscaler a, String key) {
        return ((Number) a.state().get(key)).doubleValue();
    }

    @Test
    void units_1000JobsPerSecondAt2msService_isTwoWorkers() {
        Autoscaler a = steady(config().cpuP95BudgetMs(200).build(), 10, 1000, 0, 0, 2.0);
        assertEquals(1000, number(a, "forecast_rate"), 1e-9, "jobs per second");
        assertEquals(2.0, number(a, "mean_service_ms"), 1e-9);
        assertEquals(2.0, number(a, "required_workers"), 1e-9, "1000/s x 0.002 s");
        assertEquals(2, recommended(a));
        assertEquals(200, recommendedQueueCap(a), "2 workers / 2 ms x 200 ms budget: 200 jobs finish in time");
    }

    @Test
    void onlyTheLaneShareOfArrivals_isSizedForTheLane() {
        // 2000 arrivals/s, half of them inline: the lane sees 1000/s at 4 ms = 4 workers, not 8.
        Autoscaler a = steady(config().build(), 10, 1000, 1000, 0, 4.0);
        assertEquals(2000, number(a, "forecast_rate"), 1e-9, "the forecast counts every arrival");
        assertEquals(0.5, number(a, "lane_share"), 1e-12);
        assertEquals(1000, number(a, "lane_rate"), 1e-9);
        assertEquals(4, recommended(a));
    }

    @Test
    void jobsShedOnTheirWayToTheLane_countAsLaneDemand() {
        // The lane admits 500/s and the deadline gate sheds 500/s: it needs room for 1000/s.
        Autoscaler a = steady(config().build(), 10, 500, 0, 500, 4.0);
        assertEquals(4, recommended(a), "1000/s x 4 ms");
    }

    @Test
    void linearRamp_recommendsLittlesLawAtTheHorizon_withinOneWorker() {
        // Lane arrivals rise by 20 jobs/s every second from 100/s; service 5 ms.
        RouterConfig cfg = config().autoscalerWindowS(30).autoscalerHorizonS(20).build();
        Autoscaler a = new Autoscaler(new ConfigStore(cfg));
        Feed feed = new Feed();
        for (int t = 1; t <= 120; t++) {
            double mid = t - 0.5;
            a.accept(feed.second(Math.round(100 + 20 * mid), 5.0));
            if (t == 1) {
                continue; // one sample shows no trend yet
            }
            double ahead = Math.min(20, t); // never further ahead than the history
            double expectedRate = 100 + 20 * (t + ahead);
            assertEquals(expectedRate, number(a, "forecast_rate"), 1e-6, "forecast at t=" + t);
            int little = (int) Math.ceil(expectedRate * 0.005);
            assertTrue(Math.abs(recommended(a) - little) <= 1,
                    "t=" + t + ": " + recommended(a) + " vs Little's law " + little + " ("
                            + a.state().get("reason") + ")");
        }
        assertEquals(20, number(a, "horizon_secs"), 1e-9);
    }

    @Test
    void forecast_isNeverNegative() {
        Autoscaler a = new Autoscaler(new ConfigStore(config().autoscalerWindowS(10).autoscalerHorizonS(30).build()));
        Feed feed = new Feed();
        for (int t = 0; t < 10; t++) {
            a.accept(feed.second(1000 - 100 * t, 2.0));
        }
        assertEquals(0.0, number(a, "forecast_rate"), 0.0, "a falling trend stops at zero");
        assertEquals(1, recommended(a), "autoscaler_min_parallelism");
    }

    @Test
    void steadyNoisyLoad_doesNotFlap() {
        // 1000 arrivals/s (Poisson-like noise), 3 ms +- 3 %: Little's law says 3.0, right on the
        // edge between 3 and 4 workers. Defaults: hysteresis 1, cooldown 10 s.
        RouterConfig cfg = RouterConfig.defaults(2).toBuilder().cpuParallelism(8).autoscalerMaxParallelism(16).build();
        assertEquals(1, cfg.autoscalerHysteresis());
        assertEquals(10, cfg.autoscalerCooldownS());
        assertTrue(changesAfterSettling(cfg, 42) <= 1, "at most one change after settling");
        assertTrue(changesAfterSettling(cfg, 7) <= 1, "at most one change after settling, another seed");
        RouterConfig bare = cfg.toBuilder().autoscalerHysteresis(0).autoscalerCooldownS(0).build();
        assertTrue(changesAfterSettling(bare, 42) > 10, "the same load without the guards does flap");
    }

    private static int changesAfterSettling(RouterConfig cfg, long seed) {
        Autoscaler a = new Autoscaler(new ConfigStore(cfg));
        Feed feed = new Feed();
        SplittableRandom random = new SplittableRandom(seed);
        int changes = 0;
        int previous = -1;
        for (int t = 0; t < 600; t++) {
            long arrivals = Math.round(1000 + Math.sqrt(1000) * gaussian(random));
            a.accept(feed.second(arrivals, 3.0 * (1 + 0.03 * gaussian(random))));
            int now = recommended(a);
            if (t >= cfg.autoscalerWindowS() && now != previous) {
                changes++;
            }
            previous = now;
        }
        assertTrue(previous == 3 || previous == 4, "settled next to Little's law: " + a.state().get("reason"));
        return changes;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller, from the seeded generator only.
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @ParameterizedTest(name = "from {0}, Little asks {1}, hysteresis {2}, bounds {3}..{4}: {5}")
    @CsvSource({
            "4, 5, 2, 1, 64, 5",  // 1 above: grows at once (a lane one worker short queues without bound)
            "4, 7, 2, 1, 64, 7",  // 3 above: grows
            "4, 2, 2, 1, 64, 4",  // 2 below: within
            "4, 1, 2, 1, 64, 1",  // 3 below: moves
            "4, 5, 0, 1, 64, 5",  // no hysteresis: any change
            "1, 5, 1, 1, 2, 2",   // asks far more than the bound allows: goes to the bound
            "8, 6, 16, 1, 4, 4",  // the current value is outside the bounds: brought in at once
    })
    void hysteresis_growsAtOnce_shrinksOnlyWhenLittleAsksForMoreThanItBelow(int from, int asks, int hysteresis, int min, int max,
                                                            int expected) {
        RouterConfig cfg = config().cpuParallelism(from).autoscalerHysteresis(hysteresis)
                .autoscalerMinParallelism(min).autoscalerMaxParallelism(max).build();
        Autoscaler a = steady(cfg, 5, 1000, 0, 0, asks - 0.5); // 1000/s x (asks - 0.5) ms: ceil = asks
        assertEquals(expected, recommended(a), String.valueOf(a.state().get("reason")));
    }

    @Test
    void cooldown_holdsANewValueUntilItHasPassed_onTheSnapshotClock() {
        RouterConfig cfg = config().cpuParallelism(2).autoscalerWindowS(2).autoscalerCooldownS(10).build();
        Autoscaler a = new Autoscaler(new ConfigStore(cfg));
        Feed feed = new Feed();
        a.accept(feed.second(1000, 4.0)); // t = 1: 4 workers; no cooldown running yet
        assertEquals(4, recommended(a));
        for (int t = 2; t <= 10; t++) {
            a.accept(feed.second(1000, 8.0)); // 8 workers wanted from t = 2 on
            assertEquals(4, recommended(a), "t=" + t + ", " + (t - 1) + " s after the change");
            assertTrue(number(a, "cooldown_left_secs") > 0);
        }
        a.accept(feed.second(1000, 8.0)); // t = 11: 10 s after the change
        assertEquals(8, recommended(a), String.valueOf(a.state().get("reason")));
        assertEquals(10, number(a, "cooldown_left_secs"), 1e-9, "a new cooldown starts");
    }

    @Test
    void queueBound_followsTheBudgetAndIsClamped() {
        // 1000/s at 0.1 ms: 1 worker; 1 / 0.1 ms x 200 ms = 2000 jobs.
        Autoscaler a = steady(config().build(), 1, 1000, 0, 0, 0.1);
        assertEquals(1, recommended(a));
        assertEquals(2000, recommendedQueueCap(a));
        // 1 / 0.01 ms x 200 ms = 20 000 jobs: clamped to 4096.
        Autoscaler b = steady(config().build(), 1, 1000, 0, 0, 0.01);
        assertEquals(Autoscaler.MAX_QUEUE_CAP, recommendedQueueCap(b));
        // 10 000/s at 50 ms with a 1 ms budget: 500 workers, clamped to 64; 64 / 50 ms x 1 ms < 64: clamped up.
        Autoscaler c = steady(config().cpuP95BudgetMs(1).build(), 1, 10_000, 0, 0, 50);
        assertEquals(64, recommended(c));
        assertEquals(64, recommendedQueueCap(c), "never below the parallelism");
    }

    @Test
    void laneArrivalsWithoutACompletedJob_holdAndSayWhy() {
        Autoscaler a = steady(config().cpuParallelism(3).build(), 1, 0, 0, 1000, 0); // all shed, none completed
        assertEquals(3, recommended(a));
        assertTrue(String.valueOf(a.state().get("reason")).contains("service time is unknown"),
                String.valueOf(a.state().get("reason")));
    }

    @Test
    void offMode_publishesOnlyTheMode_andStartsAfreshWhenSwitchedOn() {
        ConfigStore store = new ConfigStore(config().autoscalerMode(AutoscalerMode.OFF).build());
        Autoscaler a = new Autoscaler(store);
        assertEquals(Map.of("mode", "off"), a.state());
        Feed feed = new Feed();
        for (int i = 0; i < 5; i++) {
            a.accept(feed.second(1000, 4.0));
        }
        assertEquals(Map.of("mode", "off"), a.state());
        assertEquals(1, store.current().version(), "nothing written");
        store.patch(ConfigPatch.builder().set(ConfigKey.AUTOSCALER_MODE, "recommend").build());
        a.accept(feed.second(1000, 4.0));
        assertEquals("recommend", a.state().get("mode"));
        assertEquals(1, ((Number) a.state().get("samples")).intValue(), "no samples kept while off");
        assertEquals(4, recommended(a));
    }

    @Test
    void state_hasTheFieldsTheLabReads_andAReasonInWords() {
        Autoscaler a = new Autoscaler(new ConfigStore(config().build()));
        assertEquals("recommend", a.state().get("mode"));
        Feed feed = new Feed();
        a.accept(feed.second(1000, 2.0));
        a.accept(feed.second(1000, 2.0));
        Map<String, Object> s = a.state();
        for (String key : new String[] {"mode", "observed_rate", "forecast_rate", "horizon_secs",
                "recommended_parallelism", "recommended_queue_cap", "reason"}) {
            assertTrue(s.containsKey(key), key + " in " + s);
        }
        for (Object v : s.values()) {
            assertTrue(v instanceof String || v instanceof Number || v instanceof Boolean, "JSON-friendly: " + v);
            assertTrue(!(v instanceof Double d) || Double.isFinite(d), "finite: " + s);
        }
        String reason = (String) s.get("reason");
        assertTrue(reason.contains("1000 jobs/s × mean service 2 ms = 2 workers -> 2"), reason);
    }
}
