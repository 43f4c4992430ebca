package dev.helixrouter.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {
    private static final RouterConfig CONFIG = RouterConfig.defaults(4);

    @Test
    void countersAndGauge_comeFromTheSnapshot() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.show(Snapshots.at(1, 1, new long[] {10, 20, 30, 40, 50}), CONFIG);
        assertEquals(150, vm.submittedProperty().get());
        assertEquals(100, vm.completedProperty().get());
        assertEquals(100, vm.metProperty().get());
        assertEquals(50, vm.droppedProperty().get());
        assertEquals(0.5, vm.pressureProperty().get());
        assertEquals(0.5, vm.externalPressureProperty().get());
        assertEquals(0.9, vm.shedThresholdProperty().get());
    }

    @Test
    void theDonut_showsRecentShares_thenTheWholeRunWhenQuiet() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.show(Snapshots.at(1, 1, new long[] {100, 0, 0, 0, 0}), CONFIG);
        assertEquals(1.0, vm.shares().get(Strategy.INLINE.ordinal()).share(), 1e-9);
        // Then everything goes to spawn for a while: the recent window says so.
        for (int i = 2; i <= 6; i++) {
            vm.show(Snapshots.at(i, i, new long[] {100, 100L * (i - 1), 0, 0, 0}), CONFIG);
        }
        assertEquals(1.0, vm.shares().get(Strategy.SPAWN.ordinal()).share(), 1e-9);
        assertTrue(vm.sharesCaptionProperty().get().contains("in the last"), vm.sharesCaptionProperty().get());
        // Quiet (the run ended): the whole run.
        for (int i = 7; i <= 12; i++) {
            vm.show(Snapshots.at(i, i, new long[] {100, 500, 0, 0, 0}), CONFIG);
        }
        assertEquals(500.0 / 600, vm.shares().get(Strategy.SPAWN.ordinal()).share(), 1e-9);
        assertTrue(vm.sharesCaptionProperty().get().contains("since the start"), vm.sharesCaptionProperty().get());
    }

    @Test
    void history_isBoundedInTimeAndCount() {
        OverviewViewModel vm = new OverviewViewModel();
        int n = 2000;
        for (int i = 1; i <= n; i++) {
            vm.show(Snapshots.at(i, i, new long[] {i, i, i, i, 0}), CONFIG);
        }
        assertTrue(vm.history().size() <= OverviewViewModel.MAX_POINTS);
        double span = vm.history().getLast().timeSecs() - vm.history().getFirst().timeSecs();
        assertTrue(span <= OverviewViewModel.HISTORY_SECS, "span " + span);
        assertEquals(n, vm.history().getLast().timeSecs(), 1e-9);
        assertEquals(5.0, vm.history().getLast().latency().get(Strategy.CPU_POOL).p95(), 1e-9);
    }

    @Test
    void history_takesAtMostTwoPointsASecond() {
        OverviewViewModel vm = new OverviewViewModel();
        for (int i = 1; i <= 100; i++) {
            vm.show(Snapshots.at(i, i * 0.01, new long[] {i, 0, 0, 0, 0}), CONFIG);
        }
        assertTrue(vm.history().size() <= 3, "one second of 10 ms intervals: " + vm.history().size());
    }

    @Test
    void theArrivalRate_spansTheSnapshotsShown_evenWhenSomeWereSkipped() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.show(Snapshots.at(1, 1, new long[] {100, 0, 0, 0, 0}), CONFIG);
        vm.show(Snapshots.at(4, 4, new long[] {400, 0, 0, 0, 0}), CONFIG); // three seconds later
        assertEquals(100.0, vm.history().getLast().arrivals(), 1e-9);
    }

    @Test
    void aClosingSnapshot_spansNoTime_andLeavesTheRatesAsTheyWere() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.show(Snapshots.at(1, 1, new long[] {100, 0, 0, 0, 0}), CONFIG);
        double goodput = vm.goodputProperty().get();
        vm.show(Snapshots.closing(Snapshots.at(1, 1, new long[] {100, 0, 0, 0, 0})), CONFIG);
        assertEquals(goodput, vm.goodputProperty().get());
        assertEquals(100, vm.submittedProperty().get());
    }

    @Test
    void clear_forgetsTheRun() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.show(Snapshots.at(1, 1, new long[] {1, 2, 3, 4, 5}), CONFIG);
        vm.show(Snapshots.at(2, 2, new long[] {2, 4, 6, 8, 10}), CONFIG);
        vm.clear();
        assertEquals(0, vm.submittedProperty().get());
        assertTrue(vm.history().isEmpty());
        assertEquals(0, vm.shares().stream().mapToLong(StrategyShare::routed).sum());
    }
}
