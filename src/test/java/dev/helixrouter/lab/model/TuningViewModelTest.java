package dev.helixrouter.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tuning panel's logic, without a toolkit: validation, debounced patches, conflicts. */
class TuningViewModelTest {
    private static final RouterConfig PRESET = RouterConfig.defaults(4);

    private ManualDebouncer debouncer;
    private TuningViewModel vm;
    private ConfigStore store;

    @BeforeEach
    void setUp() {
        debouncer = new ManualDebouncer();
        vm = new TuningViewModel(debouncer);
        store = new ConfigStore(PRESET);
        vm.attach(store, PRESET, true);
    }

    @Test
    void everyKeyHasARow_loadedFromTheStore() {
        assertEquals(ConfigKey.values().length, vm.fields().size());
        assertEquals("8000", vm.field(ConfigKey.INLINE_THRESHOLD).textProperty().get());
        assertEquals("0.9", vm.field(ConfigKey.PRESSURE_SHED_THRESHOLD).textProperty().get());
        assertEquals("deadline", vm.field(ConfigKey.BACKPRESSURE_GATE).textProperty().get());
        assertEquals("", vm.field(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD).textProperty().get(), "auto");
        assertEquals(TuningViewModel.Status.IN_FORCE, vm.statusProperty().get());
    }

    @Test
    void aValidEdit_isAppliedAfterTheQuietTime_asAPatchOfThatKey() {
        vm.field(ConfigKey.INLINE_THRESHOLD).enter("12000");
        assertTrue(debouncer.isPending());
        assertEquals(1, store.current().version(), "nothing before the quiet time");
        assertEquals(TuningViewModel.Status.PENDING, vm.statusProperty().get());
        debouncer.elapse();
        assertEquals(2, store.current().version());
        assertEquals(12000, store.config().inlineThreshold());
        assertEquals(PRESET.toBuilder().inlineThreshold(12000).build(), store.config(), "only that key changed");
        assertEquals(TuningViewModel.Status.IN_FORCE, vm.statusProperty().get());
        assertTrue(vm.field(ConfigKey.INLINE_THRESHOLD).differsFromPresetProperty().get());
        assertFalse(vm.field(ConfigKey.INLINE_THRESHOLD).modifiedProperty().get());
    }

    @Test
    void typing_isCheckedAtOnce_butAppliedOnlyWhenCommitted() {
        ConfigFieldViewModel f = vm.field(ConfigKey.INLINE_THRESHOLD);
        f.textProperty().set("9");
        f.textProperty().set("90");
        assertFalse(debouncer.isPending(), "no apply while typing");
        assertEquals(TuningViewModel.Status.PENDING, vm.statusProperty().get());
        assertTrue(vm.statusTextProperty().get().startsWith("Press Enter"), vm.statusTextProperty().get());
        f.textProperty().set("90000");
        assertEquals("must be < spawn_threshold (60000), was 90000", f.errorProperty().get());
        f.textProperty().set("9000");
        assertNull(f.errorProperty().get());
        f.commit();
        debouncer.elapse();
        assertEquals(2, store.current().version(), "one version, for the committed value");
        assertEquals(9000, store.config().inlineThreshold());
    }

    @Test
    void manyQuickEdits_makeOnePatch() {
        for (String v : new String[] {"1", "12", "120", "1200"}) {
            vm.field(ConfigKey.BATCH_MAX_DELAY_MS).enter(v);
        }
        debouncer.elapse();
        assertEquals(2, store.current().version(), "one version for the whole burst");
        assertEquals(1200, store.config().batchMaxDelayMs());
    }

    @Test
    void anEditBreakingACrossKeyRule_isMarkedOnTheField_andNeverApplied() {
        vm.field(ConfigKey.INLINE_THRESHOLD).enter("70000"); // >= spawn_threshold 60000
        assertEquals("must be < spawn_threshold (60000), was 70000",
                vm.field(ConfigKey.INLINE_THRESHOLD).errorProperty().get());
        assertFalse(debouncer.isPending());
        assertEquals(TuningViewModel.Status.INVALID, vm.statusProperty().get());
        assertInstanceOf(ConfigUpdate.Rejected.class, vm.apply());
        assertEquals(1, store.current().version(), "the store is untouched");
        vm.field(ConfigKey.SPAWN_THRESHOLD).enter("80000"); // fixes the rule: both keys go together
        assertNull(vm.field(ConfigKey.INLINE_THRESHOLD).errorProperty().get());
        debouncer.elapse();
        assertEquals(70000, store.config().inlineThreshold());
        assertEquals(80000, store.config().spawnThreshold());
        assertEquals(2, store.current().version(), "one patch of both keys");
    }

    @Test
    void aRuleNamingAnotherKey_isShownOnThatKey() {
        vm.field(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD).enter("3");
        debouncer.elapse();
        vm.field(ConfigKey.CPU_PARALLELISM).enter("2");
        assertEquals("must be within 1..2 (cpu_parallelism), was 3",
                vm.field(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD).errorProperty().get());
        assertNull(vm.field(ConfigKey.CPU_PARALLELISM).errorProperty().get());
        assertFalse(debouncer.isPending());
    }

    @Test
    void textThatIsNotAValue_saysSo() {
        vm.field(ConfigKey.CPU_QUEUE_CAP).enter("lots");
        assertEquals("'lots' is not a number", vm.field(ConfigKey.CPU_QUEUE_CAP).errorProperty().get());
        vm.field(ConfigKey.CPU_QUEUE_CAP).enter("7.5");
        assertTrue(vm.field(ConfigKey.CPU_QUEUE_CAP).errorProperty().get().contains("whole number"),
                vm.field(ConfigKey.CPU_QUEUE_CAP).errorProperty().get());
        vm.field(ConfigKey.CPU_QUEUE_CAP).enter("");
        assertEquals("enter a value", vm.field(ConfigKey.CPU_QUEUE_CAP).errorProperty().get());
        vm.field(ConfigKey.CPU_QUEUE_CAP).enter("1_024");
        assertNull(vm.field(ConfigKey.CPU_QUEUE_CAP).errorProperty().get());
        debouncer.elapse();
        assertEquals(1024, store.config().cpuQueueCap());
    }

    @Test
    void theBusyThreshold_emptyMeansFollowTheParallelism() {
        vm.field(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD).enter("2");
        debouncer.elapse();
        assertEquals(OptionalInt.of(2), store.config().backpressureBusyThreshold());
        vm.field(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD).enter("");
        debouncer.elapse();
        assertEquals(OptionalInt.empty(), store.config().backpressureBusyThreshold());
    }

    @Test
    void theSlider_andTheField_followEachOther() {
        ConfigFieldViewModel f = vm.field(ConfigKey.SPAWN_MAX_IN_FLIGHT);
        assertTrue(f.scale().log(), "1..100000 gets a logarithmic slider");
        f.sliderPositionProperty().set(SliderScale.POSITIONS); // all the way right
        assertEquals("100000", f.textProperty().get());
        f.sliderPositionProperty().set(0);
        assertEquals("1", f.textProperty().get());
        f.enter("300");
        assertEquals(f.scale().toPosition(300), f.sliderPositionProperty().get(), 1e-9);
        debouncer.elapse();
        assertEquals(300, store.config().spawnMaxInFlight());
    }

    @Test
    void aChoiceKey_takesOneOfItsChoices() {
        vm.field(ConfigKey.BACKPRESSURE_GATE).enter("busy");
        debouncer.elapse();
        assertEquals(GateMode.BUSY, store.config().backpressureGate());
        vm.field(ConfigKey.BACKPRESSURE_GATE).enter("sometimes");
        assertTrue(vm.field(ConfigKey.BACKPRESSURE_GATE).errorProperty().get().contains("deadline"),
                vm.field(ConfigKey.BACKPRESSURE_GATE).errorProperty().get());
    }

    @Test
    void anotherWriterFirst_givesAConflict_theNewConfigShows_andNothingIsUndone() {
        vm.field(ConfigKey.CPU_QUEUE_CAP).enter("900");
        // The autoscaler (say) changes the parallelism before the debounce fires.
        store.patch(ConfigPatch.builder().set(ConfigKey.CPU_PARALLELISM, 8).build());
        debouncer.elapse();
        assertEquals(TuningViewModel.Status.CONFLICT, vm.statusProperty().get());
        assertTrue(vm.statusTextProperty().get().contains("cpu_queue_cap was not applied"),
                vm.statusTextProperty().get());
        assertEquals(8, store.config().cpuParallelism(), "the other writer's change stands");
        assertEquals(512, store.config().cpuQueueCap());
        assertEquals("8", vm.field(ConfigKey.CPU_PARALLELISM).textProperty().get(), "the panel shows what is in force");
        assertEquals("512", vm.field(ConfigKey.CPU_QUEUE_CAP).textProperty().get());
    }

    @Test
    void anotherWritersChange_showsByItself_whenThePanelHoldsNoEdit() {
        store.patch(ConfigPatch.builder().set(ConfigKey.BATCH_MAX_SIZE, 32).build());
        vm.tick();
        assertEquals("32", vm.field(ConfigKey.BATCH_MAX_SIZE).textProperty().get());
        assertEquals(2, vm.versionProperty().get());
    }

    @Test
    void liveApplyOff_waitsForApply() {
        vm.liveApplyProperty().set(false);
        vm.field(ConfigKey.BATCH_MAX_SIZE).enter("16");
        assertFalse(debouncer.isPending());
        assertTrue(vm.pendingProperty().get());
        assertEquals(1, store.current().version());
        assertInstanceOf(ConfigUpdate.Applied.class, vm.apply());
        assertEquals(16, store.config().batchMaxSize());
    }

    @Test
    void reset_returnsToThePreset() {
        vm.field(ConfigKey.BATCH_MAX_SIZE).enter("16");
        debouncer.elapse();
        vm.resetToPreset();
        assertEquals(PRESET, store.config());
        assertEquals("8", vm.field(ConfigKey.BATCH_MAX_SIZE).textProperty().get());
        assertFalse(vm.field(ConfigKey.BATCH_MAX_SIZE).differsFromPresetProperty().get());
    }

    @Test
    void aDraft_isCheckedByTheSameRules() {
        vm.attachDraft(PRESET, PRESET);
        assertFalse(vm.attachedToRunProperty().get());
        vm.field(ConfigKey.EMA_ALPHA).enter("1.5");
        assertEquals("must be within (0, 1], was 1.5", vm.field(ConfigKey.EMA_ALPHA).errorProperty().get());
        vm.field(ConfigKey.EMA_ALPHA).enter("0.3");
        debouncer.elapse();
        assertEquals(0.3, vm.configInForce().emaAlpha());
    }
}
