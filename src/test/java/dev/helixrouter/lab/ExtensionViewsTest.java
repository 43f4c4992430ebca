package dev.helixrouter.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.lab.control.WeightHeatmap;
import dev.helixrouter.lab.model.RunState;
import dev.helixrouter.lab.run.RunFactory;
import dev.helixrouter.lab.run.RunSession;
import dev.helixrouter.lab.run.RunSpec;
import dev.helixrouter.lab.run.TimeMode;
import dev.helixrouter.workload.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The learned-policy and autoscaler views fed from a router whose snapshots carry the
 * {@code learned_policy} and {@code autoscaler} extensions, as the adaptive layer will publish
 * them (synthetic values; no load).
 */
@ExtendWith(ApplicationExtension.class)
class ExtensionViewsTest {
    @TempDir
    Path dir;

    private LabWindow window;

    private static double[][] weights(double sign) {
        int cols = dev.helixrouter.lab.model.LearnedPolicyState.DEFAULT_FEATURES.size();
        double[][] m = new double[4][cols];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = sign * Math.sin(r * 11 + c) * 0.8;
            }
        }
        return m;
    }

    static final Map<String, Object> LEARNED = Map.of(
            "epsilon", 0.042, "samples", 98765,
            "weights", Map.of("HashMix", weights(1), "PrimeCount", weights(-1), "MonteCarloRisk", weights(0.5)),
            "agreement", Map.of("HashMix", 0.91, "PrimeCount", 0.77, "MonteCarloRisk", 0.84),
            "reward_curve", List.of(-0.2, 0.1, 0.3, 0.42));
    static final Map<String, Object> AUTOSCALER = Map.of("mode", "recommend", "observed_rate", 1800.0,
            "forecast_rate", 2400.0, "horizon_secs", 30, "recommended_parallelism", 3,
            "recommended_queue_cap", 220, "reason", "forecast 2,400/s x mean service 1.1 ms = 2.6 workers");

    /** A session with no load whose router publishes the two extensions. */
    static final class ExtensionSession implements RunSession {
        private final RunSpec spec;
        private final HelixRouter router;
        private volatile boolean stopped;

        ExtensionSession(RunSpec spec) {
            this.spec = spec;
            this.router = HelixRouter.builder().config(spec.config()).threadPrefix("helix-ext")
                    .extension("learned_policy", () -> LEARNED).extension("autoscaler", () -> AUTOSCALER).build();
        }

        @Override public String threadPrefix() { return "helix-ext"; }
        @Override public RunSpec spec() { return spec; }
        @Override public HelixRouter router() { return router; }
        @Override public int plannedJobs() { return 0; }
        @Override public int submitted() { return 0; }
        @Override public int ended() { return 0; }
        @Override public boolean isFinished() { return stopped; }
        @Override public boolean isStopped() { return stopped; }
        @Override public Optional<Throwable> failure() { return Optional.empty(); }
        @Override public Duration elapsed() { return Duration.ZERO; }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public boolean isPaused() { return false; }
        @Override public void stop() { stopped = true; }
        @Override public void close() { stopped = true; router.close(); }

        @Override
        public RunReport.RunInfo info() {
            return new RunReport.RunInfo(spec.scenario().name(), "", "live", 1, 1, Double.NaN, 1, 0, "test",
                    Instant.now(), 0);
        }
    }

    @Start
    void start(Stage stage) {
        RunFactory factory = new RunFactory() {
            @Override public TimeMode timeMode() { return TimeMode.LIVE; }
            @Override public Optional<String> unavailableReason() { return Optional.empty(); }
            @Override public RunSession start(RunSpec spec, Preparation p) { return new ExtensionSession(spec); }
        };
        window = LabWindow.open(stage, LabOptions.defaults().withScenario("quick").withStart(true),
                LabFixtures.services(dir).with(factory));
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            window.close();
            return null;
        });
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    @Test
    void theLearnedPolicy_showsAHeatmapPerKind_withValuesOnHover(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> onFx(() -> window.viewModel().status().stateProperty().get()) == RunState.RUNNING);
        robot.clickOn("Learned policy");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup(".weight-heatmap").queryAll().size()) == 3);
        List<WeightHeatmap> maps = onFx(() -> robot.lookup(".weight-heatmap").queryAllAs(WeightHeatmap.class)
                .stream().toList());
        assertEquals(4, maps.getFirst().getData().rows());
        assertEquals(dev.helixrouter.lab.model.LearnedPolicyState.DEFAULT_FEATURES.size(),
                maps.getFirst().getData().columns());
        assertEquals("0.042", onFx(() -> robot.lookup("#epsilonValue").queryAs(Label.class).getText()));
        assertEquals("98,765", onFx(() -> robot.lookup("#samplesValue").queryAs(Label.class).getText()));
        assertEquals("84.0 %", onFx(() -> robot.lookup("#agreementValue").queryAs(Label.class).getText()));
        javafx.scene.Node firstCell = robot.lookup(".heatmap-cell").nth(0).query();
        robot.moveTo(firstCell);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup(".heatmap-readout").queryAllAs(Label.class).stream()
                        .anyMatch(l -> l.getText().contains(" = "))));
        assertTrue(onFx(() -> robot.lookup(".heatmap-readout").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("inline \u00d7 bias = "))));

        robot.clickOn("Autoscaler");
        assertEquals("Autoscaler: recommend", onFx(() -> robot.lookup("#headline").queryAs(Label.class).getText()));
        assertTrue(onFx(() -> robot.lookup("#recommendationValue").queryAs(Label.class).getText())
                .startsWith("cpu_parallelism 3"));
        assertFalse(onFx(() -> robot.lookup("#applySwitch").queryAs(ToggleButton.class).isDisabled()),
                "the autoscaler_mode key exists, so the apply switch is enabled");
    }
}
