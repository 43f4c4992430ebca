package dev.helixrouter.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of {@link RouterConfig#violations()}, probed on both sides of its boundary. */
class RouterConfigTest {

    /** Defaults of an 8-core machine, so no rule depends on the machine running the test. */
    private static final RouterConfig BASE = RouterConfig.defaults(8);

    private static List<String> violatedKeys(UnaryOperator<RouterConfig.Builder> change) {
        return change.apply(BASE.toBuilder()).build().violations().stream().map(ConfigViolation::key).toList();
    }

    private static void accepted(UnaryOperator<RouterConfig.Builder> change) {
        RouterConfig c = change.apply(BASE.toBuilder()).build();
        assertEquals(List.of(), c.violations(), () -> "expected valid: " + c);
    }

    private static void refusedOnly(String key, UnaryOperator<RouterConfig.Builder> change) {
        assertEquals(List.of(key), violatedKeys(change));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 512, 1024, 4096})
    void defaults_areValidOnAnyMachineSize(int cores) {
        RouterConfig d = RouterConfig.defaults(cores);
        assertEquals(List.of(), d.violations());
        assertEquals(cores, d.busyThreshold(), "the busy threshold follows cpu_parallelism by default");
        assertTrue(d.cpuQueueCap() >= cores);
    }

    @Test
    void defaults_matchTheSpecTable() {
        RouterConfig d = BASE;
        assertEquals(8000, d.inlineThreshold());
        assertEquals(60000, d.spawnThreshold());
        assertEquals(512, d.cpuQueueCap());
        assertEquals(8, d.cpuParallelism());
        assertEquals(GateMode.DEADLINE, d.backpressureGate());
        assertEquals(OptionalInt.empty(), d.backpressureBusyThreshold());
        assertEquals(0.9, d.pressureShedThreshold());
        assertEquals(10_000, d.spawnMaxInFlight());
        assertEquals(8, d.batchMaxSize());
        assertEquals(10, d.batchMaxDelayMs());
        assertEquals(PolicyKind.HEURISTIC, d.routingPolicy());
        assertEquals(0.15, d.emaAlpha());
        assertEquals(0.10, d.adaptiveStep());
        assertEquals(200, d.cpuP95BudgetMs());
        assertEquals(1.5, d.adaptiveP95ThresholdFactor());
        assertEquals(2000, d.shutdownGraceMs());
        assertEquals(1000, d.metricsIntervalMs());
    }

    @Test
    void inlineThreshold_mustBeAtLeastOne() {
        refusedOnly("inline_threshold", b -> b.inlineThreshold(0));
        accepted(b -> b.inlineThreshold(1));
    }

    @Test
    void inlineThreshold_mustBeBelowSpawnThreshold() {
        refusedOnly("inline_threshold", b -> b.inlineThreshold(60_000).spawnThreshold(60_000));
        accepted(b -> b.inlineThreshold(59_999).spawnThreshold(60_000));
        ConfigViolation v = BASE.toBuilder().inlineThreshold(70_000).build().violations().getFirst();
        assertEquals("must be < spawn_threshold (60000), was 70000", v.message());
    }

    @Test
    void spawnThreshold_mustBeAtLeastOne_withoutAlsoBlamingInlineThreshold() {
        refusedOnly("spawn_threshold", b -> b.spawnThreshold(0));
        accepted(b -> b.inlineThreshold(1).spawnThreshold(2));
    }

    @Test
    void cpuParallelism_mustBeWithinOneTo4096() {
        refusedOnly("cpu_parallelism", b -> b.cpuParallelism(0));
        accepted(b -> b.cpuParallelism(1));
        accepted(b -> b.cpuParallelism(4096).cpuQueueCap(4096));
        refusedOnly("cpu_parallelism", b -> b.cpuParallelism(4097).cpuQueueCap(5000));
    }

    @Test
    void cpuQueueCap_mayEqualButNotUndercutParallelism() {
        accepted(b -> b.cpuParallelism(16).cpuQueueCap(16));
        refusedOnly("cpu_queue_cap", b -> b.cpuParallelism(16).cpuQueueCap(15));
        refusedOnly("cpu_queue_cap", b -> b.cpuQueueCap(0));
    }

    @Test
    void busyThreshold_mustBeWithinOneToParallelism() {
        refusedOnly("backpressure_busy_threshold", b -> b.backpressureBusyThreshold(0));
        accepted(b -> b.backpressureBusyThreshold(1));
        accepted(b -> b.backpressureBusyThreshold(8));
        refusedOnly("backpressure_busy_threshold", b -> b.backpressureBusyThreshold(9));
        accepted(b -> b.backpressureBusyThreshold(OptionalInt.empty()));
    }

    @Test
    void busyThreshold_isTheExplicitOneOrFollowsParallelism() {
        assertEquals(7, BASE.toBuilder().backpressureBusyThreshold(7).build().busyThreshold());
        assertEquals(12, BASE.toBuilder().cpuParallelism(12).build().busyThreshold());
    }

    @Test
    void pressureShedThreshold_isWithinZeroExclusiveToOne() {
        refusedOnly("pressure_shed_threshold", b -> b.pressureShedThreshold(0.0));
        accepted(b -> b.pressureShedThreshold(Double.MIN_VALUE));
        accepted(b -> b.pressureShedThreshold(1.0));
        refusedOnly("pressure_shed_threshold", b -> b.pressureShedThreshold(Math.nextUp(1.0)));
        refusedOnly("pressure_shed_threshold", b -> b.pressureShedThreshold(Double.NaN));
    }

    @Test
    void spawnMaxInFlight_batchMaxSize_batchMaxDelay_cpuBudget_mustBeAtLeastOne() {
        refusedOnly("spawn_max_in_flight", b -> b.spawnMaxInFlight(0));
        accepted(b -> b.spawnMaxInFlight(1));
        refusedOnly("batch_max_size", b -> b.batchMaxSize(0));
        accepted(b -> b.batchMaxSize(1));
        refusedOnly("batch_max_delay_ms", b -> b.batchMaxDelayMs(0));
        accepted(b -> b.batchMaxDelayMs(1));
        refusedOnly("cpu_p95_budget_ms", b -> b.cpuP95BudgetMs(0));
        accepted(b -> b.cpuP95BudgetMs(1));
    }

    @Test
    void emaAlpha_isWithinZeroExclusiveToOne() {
        refusedOnly("ema_alpha", b -> b.emaAlpha(0.0));
        accepted(b -> b.emaAlpha(1.0));
        refusedOnly("ema_alpha", b -> b.emaAlpha(Math.nextUp(1.0)));
        refusedOnly("ema_alpha", b -> b.emaAlpha(Double.NaN));
        refusedOnly("ema_alpha", b -> b.emaAlpha(-0.5));
    }

    @Test
    void adaptiveStep_isWithinZeroExclusiveToOne() {
        refusedOnly("adaptive_step", b -> b.adaptiveStep(0.0));
        accepted(b -> b.adaptiveStep(Double.MIN_VALUE));
        accepted(b -> b.adaptiveStep(1.0));
        refusedOnly("adaptive_step", b -> b.adaptiveStep(Math.nextUp(1.0)));
    }

    @Test
    void adaptiveP95ThresholdFactor_isAtLeastOneAndFinite() {
        refusedOnly("adaptive_p95_threshold_factor", b -> b.adaptiveP95ThresholdFactor(Math.nextDown(1.0)));
        accepted(b -> b.adaptiveP95ThresholdFactor(1.0));
        accepted(b -> b.adaptiveP95ThresholdFactor(1e9));
        refusedOnly("adaptive_p95_threshold_factor", b -> b.adaptiveP95ThresholdFactor(Double.POSITIVE_INFINITY));
        refusedOnly("adaptive_p95_threshold_factor", b -> b.adaptiveP95ThresholdFactor(Double.NaN));
    }

    @Test
    void shutdownGrace_mayBeZeroButNotNegative() {
        accepted(b -> b.shutdownGraceMs(0));
        refusedOnly("shutdown_grace_ms", b -> b.shutdownGraceMs(-1));
    }

    @Test
    void metricsInterval_isWithinTenToSixtyThousand() {
        refusedOnly("metrics_interval_ms", b -> b.metricsIntervalMs(9));
        accepted(b -> b.metricsIntervalMs(10));
        accepted(b -> b.metricsIntervalMs(60_000));
        refusedOnly("metrics_interval_ms", b -> b.metricsIntervalMs(60_001));
    }

    @Test
    void learnedPolicyKeys_haveTheirRanges() {
        accepted(b -> b.learnedEpsilon(0).learnedEpsilonFloor(0));
        accepted(b -> b.learnedEpsilon(1).learnedEpsilonFloor(1));
        refusedOnly("learned_epsilon", b -> b.learnedEpsilon(Math.nextUp(1.0)));
        refusedOnly("learned_epsilon", b -> b.learnedEpsilon(Double.NaN));
        refusedOnly("learned_epsilon_floor", b -> b.learnedEpsilon(0.1).learnedEpsilonFloor(0.2));
        refusedOnly("learned_epsilon_floor", b -> b.learnedEpsilonFloor(-0.01));
        refusedOnly("learned_epsilon_half_life", b -> b.learnedEpsilonHalfLife(0));
        refusedOnly("learned_rate", b -> b.learnedRate(0));
        accepted(b -> b.learnedRate(1));
        accepted(b -> b.learnedL2(0));
        refusedOnly("learned_l2", b -> b.learnedL2(0.2));
        refusedOnly("learned_weight_clip", b -> b.learnedWeightClip(0));
        refusedOnly("learned_weight_clip", b -> b.learnedWeightClip(Double.POSITIVE_INFINITY));
        accepted(b -> b.learnedSeed(Long.MIN_VALUE));
    }

    @Test
    void autoscalerKeys_haveTheirRanges() {
        refusedOnly("autoscaler_horizon_s", b -> b.autoscalerHorizonS(0));
        refusedOnly("autoscaler_window_s", b -> b.autoscalerWindowS(1));
        accepted(b -> b.autoscalerWindowS(2));
        refusedOnly("autoscaler_min_parallelism", b -> b.autoscalerMinParallelism(0));
        refusedOnly("autoscaler_min_parallelism", b -> b.autoscalerMinParallelism(5).autoscalerMaxParallelism(4));
        refusedOnly("autoscaler_max_parallelism", b -> b.autoscalerMaxParallelism(0));
        accepted(b -> b.autoscalerMinParallelism(4).autoscalerMaxParallelism(4));
        accepted(b -> b.autoscalerHysteresis(0).autoscalerCooldownS(0));
        refusedOnly("autoscaler_hysteresis", b -> b.autoscalerHysteresis(-1));
        refusedOnly("autoscaler_cooldown_s", b -> b.autoscalerCooldownS(3601));
    }

    @Test
    void everyViolation_isReportedTogether_inRuleOrder() {
        List<String> keys = violatedKeys(b -> b.inlineThreshold(0).cpuParallelism(0).cpuQueueCap(0)
                .pressureShedThreshold(2).emaAlpha(0).shutdownGraceMs(-5).metricsIntervalMs(1));
        assertEquals(List.of("inline_threshold", "cpu_parallelism", "cpu_queue_cap", "pressure_shed_threshold",
                "ema_alpha", "shutdown_grace_ms", "metrics_interval_ms"), keys);
    }

    @Test
    void validate_throwsWithEveryViolation_orReturnsTheSameConfig() {
        assertSame(BASE, BASE.validate());
        RouterConfig bad = BASE.toBuilder().batchMaxSize(0).emaAlpha(2).build();
        ConfigException e = assertThrows(ConfigException.class, bad::validate);
        assertEquals(List.of("batch_max_size", "ema_alpha"), e.violations().stream().map(ConfigViolation::key).toList());
        assertTrue(e.getMessage().startsWith("invalid configuration (2 problems)"), e.getMessage());
        assertTrue(e.getMessage().contains("batch_max_size: must be >= 1, was 0"), e.getMessage());
    }

    @Test
    void builder_changesOnlyWhatItIsTold() {
        RouterConfig c = BASE.toBuilder().batchMaxSize(32).build();
        assertEquals(32, c.batchMaxSize());
        assertEquals(BASE, c.toBuilder().batchMaxSize(BASE.batchMaxSize()).build());
    }
}
