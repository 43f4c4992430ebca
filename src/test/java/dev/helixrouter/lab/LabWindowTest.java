package dev.helixrouter.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.lab.control.DonutChart;
import dev.helixrouter.lab.control.PressureGauge;
import dev.helixrouter.lab.model.RunState;
import dev.helixrouter.lab.model.StrategyRow;
import dev.helixrouter.lab.run.RunSession;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lab, used as a person would: pick a scenario, press Start, watch the views fill from a real
 * router; move a slider and see the router's config change; type a value the rules refuse; save a
 * preset and load it back; pause, stop and reset. Headless (Monocle) without a DISPLAY.
 */
@ExtendWith(ApplicationExtension.class)
class LabWindowTest {
    private static final long TIMEOUT = 60;

    @TempDir
    Path dir;

    private LabWindow window;
    private RunSession lastSession;

    @Start
    void start(Stage stage) {
        window = LabWindow.open(stage, LabOptions.defaults().withScenario("quick"), LabFixtures.services(dir));
    }

    @AfterEach
    void closeWindow() throws Exception {
        RunSession s = onFx(() -> window.viewModel().session().orElse(lastSession));
        onFx(() -> {
            window.close();
            return null;
        });
        if (s != null) {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> s.router().isClosed());
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !LabFixtures.anyThreadAlive(s.threadPrefix() + "-"));
        }
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    private RunState state() throws Exception {
        return onFx(() -> window.viewModel().status().stateProperty().get());
    }

    private void awaitState(RunState s) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> state() == s);
    }

    private HelixRouter router() throws Exception {
        RunSession s = onFx(() -> window.viewModel().session().orElseThrow());
        lastSession = s;
        return s.router();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    /** Opens the scenario picker and clicks the preset called {@code name}. */
    private static void choose(FxRobot robot, String name) {
        robot.clickOn("#scenarioPicker");
        Node item = robot.lookup(".list-view .picker-name")
                .match(n -> n instanceof Label l && l.getText().equals(name)).query();
        robot.clickOn(item);
    }

    /** Scrolls the tuning panel so that {@code query} is on screen (a click elsewhere hits another control). */
    private static void reveal(FxRobot robot, String query) throws Exception {
        onFx(() -> {
            Node n = robot.lookup(query).query();
            javafx.scene.control.ScrollPane sp = robot.lookup("#scroll").queryAs(javafx.scene.control.ScrollPane.class);
            Node content = sp.getContent();
            double y = content.sceneToLocal(n.localToScene(n.getBoundsInLocal())).getMinY();
            double room = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(room <= 0 ? 0 : Math.clamp((y - 40) / room, 0, 1));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks a text field, selects all, types {@code value} and presses Enter. */
    private static void type(FxRobot robot, String query, String value) throws Exception {
        if (query.startsWith("#field-")) {
            reveal(robot, query);
        }
        robot.clickOn(query).push(KeyCode.CONTROL, KeyCode.A).write(value).push(KeyCode.ENTER);
    }

    @Test
    void chooseAScenario_start_andTheDonutTableAndGaugeFillFromTheEngine(FxRobot robot) throws Exception {
        choose(robot, "slow");
        assertEquals("slow", onFx(() -> window.viewModel().picker().selectedProperty().get().name()));
        choose(robot, "quick");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS,
                () -> onFx(() -> text(robot, "#counter-submitted")).equals("400"));
        awaitState(RunState.FINISHED);
        HelixRouter router = router();
        onFx(() -> {
            long completed = number(text(robot, "#counter-completed"));
            long dropped = number(text(robot, "#counter-dropped"));
            assertEquals(400, completed + dropped + number(text(robot, "#counter-failed"))
                    + number(text(robot, "#counter-in-flight")));
            DonutChart donut = robot.lookup("#donut").queryAs(DonutChart.class);
            assertEquals(router.snapshot().submitted(), donut.getSlices().stream().mapToLong(sl -> (long) sl.value())
                    .sum(), "the donut holds every routed job once the run is quiet");
            return null;
        });
        robot.clickOn("Latency");
        onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<StrategyRow> table = robot.lookup("#strategyTable").queryAs(TableView.class);
            assertEquals(400, table.getItems().stream().mapToLong(StrategyRow::routed).sum());
            for (StrategyRow r : table.getItems()) {
                assertEquals(router.snapshot().strategy(r.strategy()).routed(), r.routed(), r.strategy().wireName());
            }
            return null;
        });
        robot.clickOn("Overview");
        // Play the upstream system: the gauge shows the pressure the router now reports.
        onFx(() -> {
            robot.lookup("#upstreamSlider").queryAs(Slider.class).setValue(0.95);
            return null;
        });
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup("#gauge").queryAs(PressureGauge.class).getValue()) > 0.9);
        PressureGauge gauge = robot.lookup("#gauge").queryAs(PressureGauge.class);
        assertEquals("red", onFx(() -> gauge.zoneOf(gauge.getValue())));
        assertEquals(0.95, router.snapshot().pressure().external(), 1e-9);
    }

    @Test
    void movingASlider_changesTheRunningRoutersConfig(FxRobot robot) throws Exception {
        choose(robot, "slow");
        robot.clickOn("#startButton");
        awaitState(RunState.RUNNING);
        HelixRouter router = router();
        assertEquals(1, router.currentConfig().version());
        reveal(robot, "#slider-batch_max_size");
        robot.clickOn("#slider-batch_max_size");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> router.currentConfig().version() == 2);
        String shown = onFx(() -> robot.lookup("#field-batch_max_size").queryAs(TextField.class).getText());
        assertEquals(Integer.parseInt(shown), router.currentConfig().config().batchMaxSize());
        assertTrue(router.currentConfig().config().batchMaxSize() != 8, "moved from the default");
        assertEquals(RouterConfig.defaults().toBuilder().batchMaxSize(Integer.parseInt(shown)).build(),
                router.currentConfig().config(), "a patch of that key only");
    }

    @Test
    void anInvalidValue_showsTheRulesMessage_andTheEngineKeepsItsConfig(FxRobot robot) throws Exception {
        choose(robot, "slow");
        robot.clickOn("#startButton");
        awaitState(RunState.RUNNING);
        HelixRouter router = router();
        RouterConfig before = router.currentConfig().config();
        reveal(robot, "#field-inline_threshold");
        robot.clickOn("#field-inline_threshold").push(KeyCode.CONTROL, KeyCode.A).write("90000");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup("#error-inline_threshold").queryAs(Label.class).isVisible()));
        assertEquals("must be < spawn_threshold (60000), was 90000",
                onFx(() -> text(robot, "#error-inline_threshold")));
        assertTrue(onFx(() -> robot.lookup("#field-inline_threshold").queryAs(TextField.class).getPseudoClassStates()
                .stream().anyMatch(p -> p.getPseudoClassName().equals("invalid"))));
        assertFalse(onFx(() -> window.viewModel().tuning().pendingProperty().get()), "nothing waits to be applied");
        robot.push(KeyCode.ENTER); // committing an invalid value applies nothing either
        // The debounce is 250 ms: give it four times that, then the router must still have its config.
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        assertEquals(1, router.currentConfig().version());
        assertEquals(before, router.currentConfig().config());
        type(robot, "#field-inline_threshold", "9000");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> router.currentConfig().config().inlineThreshold() == 9000);
        assertFalse(onFx(() -> robot.lookup("#error-inline_threshold").queryAs(Label.class).isVisible()));
    }

    @Test
    void savingAPreset_andLoadingItBack_isIdentical(FxRobot robot) throws Exception {
        type(robot, "#field-batch_max_size", "24");
        type(robot, "#field-spawn_max_in_flight", "500");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> onFx(() -> window.viewModel().tuning().configInForce().spawnMaxInFlight()) == 500);
        RouterConfig tuned = onFx(() -> window.viewModel().tuning().configInForce());
        assertEquals(24, tuned.batchMaxSize());
        robot.clickOn("#saveButton");
        robot.clickOn("#preset-name").push(KeyCode.CONTROL, KeyCode.A).write("quick-tuned");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.isRegularFile(dir.resolve("presets/quick-tuned.json")));
        choose(robot, "slow");
        assertFalse(tuned.equals(onFx(() -> window.viewModel().tuning().configInForce())));
        choose(robot, "quick-tuned");
        assertEquals(tuned, onFx(() -> window.viewModel().tuning().configInForce()));
        assertEquals("24", onFx(() -> robot.lookup("#field-batch_max_size").queryAs(TextField.class).getText()));
        assertEquals("500", onFx(() -> robot.lookup("#field-spawn_max_in_flight").queryAs(TextField.class).getText()));
    }

    @Test
    void pauseStopAndReset(FxRobot robot) throws Exception {
        choose(robot, "slow");
        robot.clickOn("#startButton");
        awaitState(RunState.RUNNING);
        RunSession session = onFx(() -> window.viewModel().session().orElseThrow());
        lastSession = session;
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> session.submitted() > 0);
        robot.clickOn("#pauseButton");
        assertEquals(RunState.PAUSED, state());
        assertTrue(session.isPaused());
        assertEquals("Resume", onFx(() -> robot.lookup("#pauseButton").queryAs(javafx.scene.control.Button.class)
                .getText()));
        robot.clickOn("#pauseButton");
        assertEquals(RunState.RUNNING, state());
        assertFalse(session.isPaused());
        robot.clickOn("#stopButton");
        awaitState(RunState.FINISHED);
        assertTrue(session.isStopped());
        assertTrue(session.submitted() < session.plannedJobs(), "stopped early");
        assertEquals(session.submitted(), session.ended());
        robot.clickOn("#resetButton");
        assertEquals(RunState.IDLE, state());
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> session.router().isClosed());
        assertEquals("0", onFx(() -> text(robot, "#counter-submitted")));
        assertTrue(onFx(() -> window.viewModel().session().isEmpty()));
    }

    @Test
    void aMalformedFile_namesTheFileAndTheField_andTheEngineIsUntouched(FxRobot robot) throws Exception {
        LabFixtures.write(dir.resolve("presets/broken.json"), """
                {"name": "broken", "workload": {"mix": "original"}, "arrival": {"pattern": "poisson", "load": -2},
                 "jobs": 10}
                """);
        Path badConfig = dir.resolve("tuned.json");
        Files.writeString(badConfig, "{\"cpu_queue_cap\": \"big\"}");
        choose(robot, "slow");
        robot.clickOn("#startButton");
        awaitState(RunState.RUNNING);
        HelixRouter router = router();
        // A config file applied to the running router:
        assertFalse(onFx(() -> window.viewModel().files().importConfig(badConfig)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#banner").query().isVisible()));
        assertTrue(onFx(() -> text(robot, "#bannerTitle")).contains("tuned.json"));
        assertTrue(onFx(() -> text(robot, "#bannerDetail")).contains("tuned.json: cpu_queue_cap:"));
        assertEquals(1, router.currentConfig().version(), "the running router is untouched");
        assertEquals(RunState.RUNNING, state());
        // A scenario preset, once the run is over:
        robot.clickOn("#stopButton");
        awaitState(RunState.FINISHED);
        choose(robot, "broken");
        String detail = onFx(() -> text(robot, "#bannerDetail"));
        assertTrue(detail.contains("broken.json") && detail.contains("arrival.load"), detail);
        assertEquals("slow", onFx(() -> window.viewModel().picker().selectedProperty().get().name()), "the selection stays");
        assertEquals(1, router.currentConfig().version());
    }

    @Test
    void theDashboard_exportsAsAPng_ofTheWindow(FxRobot robot) throws Exception {
        Path png = dir.resolve("dash.png");
        Path written = onFx(() -> window.controller().exportPng(png)).get(20, TimeUnit.SECONDS);
        BufferedImage img = ImageIO.read(written.toFile());
        assertNotNull(img);
        assertEquals(1280, img.getWidth());
        assertEquals(800, img.getHeight());
    }

    @Test
    void theWindow_isSizedFor1280x800_darkByDefault_withTeachingTooltips(FxRobot robot) throws Exception {
        onFx(() -> {
            Stage stage = window.stage();
            assertEquals(1280, stage.getScene().getWidth(), 0.5);
            assertEquals(800, stage.getScene().getHeight(), 0.5);
            assertTrue(stage.getScene().getStylesheets().getFirst().endsWith("/styles/lab.css"));
            for (ConfigKey k : ConfigKey.values()) {
                Node name = robot.lookup("#row-" + k.jsonName() + " .config-key").query();
                assertNotNull(name, k.jsonName());
            }
            return null;
        });
        robot.clickOn("Learned policy");
        assertEquals("The learned policy is not enabled", onFx(() -> text(robot, "#emptyTitle")));
        robot.clickOn("Autoscaler");
        assertEquals("The autoscaler arrives with the adaptive layer", onFx(() -> text(robot, "#headline")));
        assertFalse(onFx(() -> robot.lookup("#virtualToggle").query().isDisabled()), "virtual time is there");
        assertTrue(onFx(() -> robot.lookup("#paceBox").query().isDisabled()), "the speed is for virtual runs");
        assertEquals(Strategy.values().length, onFx(() -> robot.lookup(".legend-row").queryAll().size()));
    }
}
