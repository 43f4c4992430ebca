package dev.helixrouter.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learned-policy and autoscaler views read the extensions' JSON by field name. */
class ExtensionStatesTest {

    /** What an adaptive-layer record might look like (any Jackson-serialisable value works). */
    record Learned(double epsilon, long samples, Map<String, double[][]> weights, Map<String, Double> agreement,
                   double[] reward_curve) {}

    private static double[][] matrix(double base) {
        int cols = LearnedPolicyState.DEFAULT_FEATURES.size();
        double[][] m = new double[4][cols];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = base + r - c * 0.1;
            }
        }
        return m;
    }

    @Test
    void learnedPolicy_readsARecord() {
        Learned l = new Learned(0.05, 1234, Map.of("HashMix", matrix(0.5)), Map.of("HashMix", 0.9),
                new double[] {0.1, 0.2, 0.4});
        LearnedPolicyState s = LearnedPolicyState.from(l);
        assertEquals(0.05, s.epsilon());
        assertEquals(1234, s.samples());
        assertEquals(List.of("HashMix"), List.copyOf(s.weights().keySet()));
        assertEquals(4, s.weights().get("HashMix").rows());
        assertEquals(LearnedPolicyState.DEFAULT_FEATURES, s.weights().get("HashMix").columnLabels());
        assertEquals(1.5, s.weights().get("HashMix").value(1, 0), 1e-12);
        assertEquals(3, s.rewardCurve().size());
    }

    @Test
    void learnedPolicy_readsAMap_withNamedRowsAndAPointCurve() {
        Map<String, Object> m = Map.of("epsilon", 0.2, "features", List.of("a", "b"),
                "weights", Map.of("PrimeCount", Map.of("spawn", List.of(1.0, -1.0))),
                "reward_curve", List.of(Map.of("t_secs", 3.0, "reward", 0.5)));
        LearnedPolicyState s = LearnedPolicyState.from(m);
        assertEquals(List.of("spawn"), s.weights().get("PrimeCount").rowLabels());
        assertEquals(List.of("a", "b"), s.weights().get("PrimeCount").columnLabels());
        assertEquals(3.0, s.rewardCurve().getFirst()[0]);
        assertEquals(-1, s.samples());
    }

    @Test
    void learnedPolicy_refusesAMisshapenMatrix_namingTheField() {
        Map<String, Object> m = Map.of("weights", Map.of("HashMix", List.of(List.of(1.0), List.of(1.0, 2.0))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearnedPolicyState.from(m));
        assertTrue(e.getMessage().startsWith("learned_policy.weights.HashMix"), e.getMessage());
    }

    @Test
    void learnedPolicyView_explainsWhyItIsEmpty_andOffersTheSwitch() {
        List<ConfigPatch> applied = new ArrayList<>();
        LearnedPolicyViewModel vm = new LearnedPolicyViewModel(applied::add);
        RouterConfig heuristic = RouterConfig.defaults(4);
        vm.show(Snapshots.at(1, 1, new long[5]), heuristic);
        assertFalse(vm.availableProperty().get());
        assertEquals("The learned policy is not enabled", vm.emptyTitleProperty().get());
        assertTrue(vm.emptyDetailProperty().get().startsWith("Set routing_policy = learned"));
        assertTrue(vm.canEnableProperty().get());
        vm.enable();
        assertEquals(PolicyKind.LEARNED, applied.getFirst().applyTo(heuristic).routingPolicy());
        vm.show(Snapshots.at(2, 2, new long[5]), heuristic.toBuilder().routingPolicy(PolicyKind.LEARNED).build());
        assertEquals("The learned policy arrives with the adaptive layer", vm.emptyTitleProperty().get());
        assertFalse(vm.canEnableProperty().get());
    }

    @Test
    void learnedPolicyView_showsTheExtension() {
        LearnedPolicyViewModel vm = new LearnedPolicyViewModel(p -> { });
        Learned l = new Learned(0.05, 1234, Map.of("HashMix", matrix(0.5), "PrimeCount", matrix(-0.5)),
                Map.of("HashMix", 0.9, "PrimeCount", 0.7), new double[] {0.1, 0.2});
        vm.show(Snapshots.at(1, 1, new long[5], 5, Map.of(LearnedPolicyState.EXTENSION, l)), RouterConfig.defaults(4));
        assertTrue(vm.availableProperty().get());
        assertEquals(2, vm.heatmaps().size());
        assertEquals("0.050", vm.epsilonProperty().get());
        assertEquals("1,234", vm.samplesProperty().get());
        assertEquals("80.0 %", vm.agreementProperty().get());
        assertEquals(2, vm.rewardCurve().size());
    }

    @Test
    void learnedPolicyView_changesItsHeatmapsOncePerRefresh_andNotAtAllWhenNothingMoved() {
        // The view redraws every heatmap on each change of the list: one change per refresh, not one per kind.
        LearnedPolicyViewModel vm = new LearnedPolicyViewModel(p -> { });
        int[] changes = {0};
        vm.heatmaps().addListener((javafx.collections.ListChangeListener<LearnedPolicyViewModel.KindWeights>) c ->
                changes[0]++);
        Map<String, double[][]> kinds = Map.of("HashMix", matrix(0.5), "PrimeCount", matrix(-0.5),
                "MonteCarloRisk", matrix(0.1));
        Map<String, Double> agreement = Map.of("HashMix", 0.9, "PrimeCount", 0.7, "MonteCarloRisk", 0.8);
        vm.show(Snapshots.at(1, 1, new long[5], 5, Map.of(LearnedPolicyState.EXTENSION,
                new Learned(0.05, 10, kinds, agreement, new double[0]))), RouterConfig.defaults(4));
        assertEquals(1, changes[0]);
        Map<String, double[][]> moved = Map.of("HashMix", matrix(0.6), "PrimeCount", matrix(-0.4),
                "MonteCarloRisk", matrix(0.2));
        vm.show(Snapshots.at(2, 2, new long[5], 5, Map.of(LearnedPolicyState.EXTENSION,
                new Learned(0.05, 20, moved, agreement, new double[0]))), RouterConfig.defaults(4));
        assertEquals(2, changes[0], "every kind moved: still one change");
        vm.show(Snapshots.at(3, 3, new long[5], 5, Map.of(LearnedPolicyState.EXTENSION,
                new Learned(0.05, 20, moved, agreement, new double[0]))), RouterConfig.defaults(4));
        assertEquals(2, changes[0], "the same weights: no change");
        assertEquals(3, vm.heatmaps().size());
    }

    @Test
    void autoscaler_readsItsFields_andPlotsTheForecastAhead() {
        AutoscalerViewModel vm = new AutoscalerViewModel(p -> { });
        Map<String, Object> st = Map.of("mode", "recommend", "observed_rate", 1000.0, "forecast_rate", 1500.0,
                "horizon_secs", 30, "recommended_parallelism", 3, "recommended_queue_cap", 200);
        vm.show(Snapshots.at(1, 10, new long[5], 5, Map.of(AutoscalerState.EXTENSION, st)), RouterConfig.defaults(4));
        assertTrue(vm.availableProperty().get());
        assertEquals("1,000/s", vm.observedProperty().get());
        assertEquals("1,500/s", vm.forecastProperty().get());
        assertEquals("forecast, 30 s ahead", vm.horizonProperty().get());
        assertEquals("cpu_parallelism 3 (now 4), cpu_queue_cap 200 (now 512)", vm.recommendationProperty().get());
        assertEquals(40.0, vm.forecastSeries().getFirst().x(), 1e-9);
        assertFalse(vm.applyOnProperty().get());
    }

    @Test
    void autoscaler_withoutTheExtension_stillPlotsObservedArrivals() {
        AutoscalerViewModel vm = new AutoscalerViewModel(p -> { });
        vm.show(Snapshots.at(1, 1, new long[] {100, 0, 0, 0, 0}), RouterConfig.defaults(4));
        vm.show(Snapshots.at(2, 2, new long[] {400, 0, 0, 0, 0}), RouterConfig.defaults(4));
        assertFalse(vm.availableProperty().get());
        assertEquals("The autoscaler arrives with the adaptive layer", vm.headlineProperty().get());
        assertEquals(300.0, vm.observedSeries().getLast().y(), 1e-9);
        assertTrue(vm.applySupportedProperty().get(), "the autoscaler_mode key exists, so the switch can apply");
    }
}
