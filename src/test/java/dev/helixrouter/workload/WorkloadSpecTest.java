package dev.helixrouter.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadSpecTest {

    @Test
    void original_isSpecSection8() {
        WorkloadSpec o = WorkloadSpec.ORIGINAL;
        assertEquals(0.55, o.primeCountShare());
        assertEquals(0.75, o.hashMixShareOfRest());
        assertEquals(2, o.minInputs());
        assertEquals(6, o.maxInputs());
        assertEquals(0, o.minInputValue());
        assertEquals(200_000, o.maxInputValue());
        assertEquals(0.15, o.heavyShare());
        assertEquals(80_000, o.heavyMinCost());
        assertEquals(300_000, o.heavyMaxCost());
        assertEquals(500, o.hashMixMinCost());
        assertEquals(120_000, o.hashMixMaxCost());
        assertEquals(2_000, o.primeCountMinCost());
        assertEquals(80_000, o.primeCountMaxCost());
        assertEquals(20_000, o.monteCarloRiskMinCost());
        assertEquals(250_000, o.monteCarloRiskMaxCost());
        assertEquals(0.0, o.minScalingPotential());
        assertEquals(1.0, o.maxScalingPotential());
        assertEquals(5, o.minLatencyBudgetMs());
        assertEquals(80, o.maxLatencyBudgetMs());
        assertEquals(0.0, o.blockingShare());
        assertEquals(Set.of(), o.changedFromOriginal());
    }

    @Test
    void invalidValues_areRefused_everyProblemNamingItsField() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> WorkloadSpec.builder()
                .heavyShare(1.5).latencyBudgetMs(0, 10).hashMixCost(900, 100).blockingShare(Double.NaN).build());
        List<String> paths = e.problems().stream().map(ScenarioProblem::path).toList();
        // Every problem at once, in field order.
        assertEquals(List.of("heavy_share", "hash_mix_max_cost", "min_latency_budget_ms", "blocking_share"), paths);
        assertTrue(e.getMessage().contains("heavy_share: must be within 0..1, was 1.5"), e.getMessage());
        assertTrue(e.getMessage().contains("min_latency_budget_ms: must be within 1..86400000, was 0"), e.getMessage());
        assertTrue(e.getMessage().contains("hash_mix_max_cost: must be >= hash_mix_min_cost (900), was 100"),
                e.getMessage());
        assertTrue(e.getMessage().contains("blocking_share: must be within 0..1, was NaN"), e.getMessage());
        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void builder_roundTripsEveryField() {
        WorkloadSpec custom = WorkloadSpec.builder().blockingShare(0.25).blockingWaitMs(1, 3).heavyCost(90_000, 95_000)
                .build();
        assertEquals(custom, custom.toBuilder().build());
        assertEquals(Set.of(WorkloadField.BLOCKING_SHARE, WorkloadField.MIN_BLOCKING_WAIT_MS,
                WorkloadField.MAX_BLOCKING_WAIT_MS, WorkloadField.HEAVY_MIN_COST, WorkloadField.HEAVY_MAX_COST),
                custom.changedFromOriginal());
        for (WorkloadField f : WorkloadField.values()) {
            assertEquals(f, WorkloadField.byJsonName(f.jsonName()).orElseThrow());
        }
    }
}
