package dev.helixrouter.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.lab.model.RunState;
import dev.helixrouter.lab.run.RunSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
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
 * Virtual time, used as a person would: pick a scenario, switch to virtual time on a modelled
 * machine, run it flat out, read the numbers on screen; Reset, run it again with the same seed
 * at another speed, and read the same numbers. Headless (Monocle) without a DISPLAY.
 */
@ExtendWith(ApplicationExtension.class)
class VirtualTimeWindowTest {
    private static final long TIMEOUT = 60;

    @TempDir
    Path dir;

    private LabWindow window;
    private final List<RunSession> sessions = new ArrayList<>();

    @Start
    void start(Stage stage) {
        window = LabWindow.open(stage, LabOptions.defaults().withScenario("slow"), LabFixtures.services(dir));
    }

    @AfterEach
    void closeWindow() throws Exception {
        onFx(() -> {
            window.close();
            return null;
        });
        for (RunSession s : sessions) {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !LabFixtures.anyThreadAlive(s.threadPrefix() + "-"));
            assertTrue(s.router().isClosed());
        }
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    private RunState state() throws Exception {
        return onFx(() -> window.viewModel().status().stateProperty().get());
    }

    /** Opens a combo box and clicks the item whose text is {@code text}. */
    private static void pick(FxRobot robot, String comboId, String text) {
        robot.clickOn(comboId);
        Node item = robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c && c.isVisible()
                && text.equals(c.getText())).query();
        robot.clickOn(item);
    }

    /** Opens the scenario picker and clicks the preset called {@code name}. */
    private static void choose(FxRobot robot, String name) {
        robot.clickOn("#scenarioPicker");
        Node item = robot.lookup(".list-view .picker-name")
                .match(n -> n instanceof Label l && l.getText().equals(name)).query();
        robot.clickOn(item);
    }

    /** Presses Start and waits, bounded, for the run to finish. */
    private void runToTheEnd(FxRobot robot) throws Exception {
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> state() == RunState.FINISHED);
        sessions.add(onFx(() -> window.viewModel().session().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The numbers on screen: the overview's counters and goodput, and the latency table's rows as rendered. */
    private List<String> numbersShown(FxRobot robot) throws Exception {
        robot.clickOn("Overview");
        List<String> shown = new ArrayList<>(onFx(() -> {
            List<String> out = new ArrayList<>();
            for (String id : List.of("submitted", "completed", "met", "dropped", "failed", "in-flight")) {
                out.add(id + " " + robot.lookup("#counter-" + id).queryAs(Label.class).getText());
            }
            out.add(robot.lookup("#ratesNow").queryAs(Label.class).getText());
            return out;
        }));
        robot.clickOn("Latency");
        shown.addAll(onFx(() -> robot.lookup("#strategyTable .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n).filter(r -> r.getItem() != null)
                .sorted(Comparator.comparingInt(TableRow::getIndex))
                .map(r -> String.join(" | ", r.lookupAll(".table-cell").stream()
                        .map(c -> ((TableCell<?, ?>) c).getText()).filter(t -> t != null).toList()))
                .toList()));
        return shown;
    }

    @Test
    void aVirtualRun_showsItsNumbers_andTheSameSeedShowsTheSameNumbersAgain(FxRobot robot) throws Exception {
        choose(robot, "quick");
        robot.clickOn("#virtualToggle");
        assertFalse(onFx(() -> robot.lookup("#coresSpinner").query().isDisabled()));
        robot.clickOn("#coresSpinner .text-field").push(KeyCode.CONTROL, KeyCode.A).write("6").push(KeyCode.ENTER);
        pick(robot, "#paceBox", "max");
        runToTheEnd(robot);
        RunSession first = sessions.getFirst();
        assertEquals(6, first.spec().cores());
        assertEquals("virtual", first.info().timeMode());
        assertEquals(400, first.ended());
        List<String> shown = numbersShown(robot);
        assertEquals("submitted 400", shown.getFirst());
        assertTrue(shown.stream().anyMatch(s -> s.startsWith("goodput ") && !s.equals("goodput 0/s")), shown.toString());
        List<String> rows = shown.subList(7, shown.size());
        assertEquals(5, rows.size(), "a row per strategy: " + rows);
        assertEquals(400, rows.stream().mapToLong(r -> Long.parseLong(r.split(" \\| ")[0].replace(",", ""))).sum(),
                "the Routed column adds up to the jobs of the run");
        assertTrue(onFx(() -> robot.lookup("#progressBar").queryAs(javafx.scene.control.ProgressBar.class)
                .getProgress()) == 1.0);

        robot.clickOn("#resetButton");
        assertEquals(RunState.IDLE, state());
        assertEquals("0", onFx(() -> robot.lookup("#counter-submitted").queryAs(Label.class).getText()));
        pick(robot, "#paceBox", "10\u00d7");
        runToTheEnd(robot);
        assertEquals(shown, numbersShown(robot), "same seed, same machine: the same numbers");
    }
}
