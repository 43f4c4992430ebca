package dev.helixrouter.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.Strategy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The warm-up window, end to end: a real router runs the original warm-up of 200 jobs while the
 * window shows it. Runs headless (Monocle) when there is no DISPLAY, on a real X server otherwise.
 */
@ExtendWith(ApplicationExtension.class)
class WarmupWindowTest {
    private static final int JOBS = 200;
    private static final long TIMEOUT_SECONDS = 60;

    private WarmupWindow window;

    @Start
    void start(Stage stage) {
        window = WarmupWindow.open(stage, new LabOptions(JOBS, 7, Optional.empty()));
    }

    @AfterEach
    void closeWindow() throws Exception {
        WarmupRun run = onFx(() -> window.viewModel().currentRun());
        onFx(() -> {
            window.close();
            return null;
        });
        if (run != null) {
            assertTrue(run.router().isClosed(), "closing the window must close its router");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !WarmupRunTest.anyThreadAlive(run.threadPrefix() + "-")
                    && !WarmupRunTest.threadAlive(run.workerName()));
        }
    }

    /** Runs {@code c} on the FX thread and returns its result (bounded wait). */
    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** What the window shows as ended: the three counter cards, read from their labels. */
    private static long shownEnded(FxRobot robot) {
        return shownCount(robot, "#counter-completed") + shownCount(robot, "#counter-dropped")
                + shownCount(robot, "#counter-failed");
    }

    private static long shownCount(FxRobot robot, String id) {
        Label label = robot.lookup(id).queryAs(Label.class);
        return Long.parseLong(label.getText().replace(",", ""));
    }

    private void awaitAllEnded(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> onFx(() -> shownEnded(robot) == JOBS));
    }

    @SuppressWarnings("unchecked")
    private static TableView<StrategyRow> strategyTable(FxRobot robot) {
        return robot.lookup("#strategyTable").queryAs(TableView.class);
    }

    /** The text the table shows in {@code column} (by its header) for every row. */
    private static List<String> columnTexts(TableView<StrategyRow> table, String header) {
        TableColumn<StrategyRow, ?> column = table.getVisibleLeafColumns().stream()
                .filter(c -> c.getGraphic() instanceof Label l && l.getText().equals(header))
                .findFirst().orElseThrow(() -> new AssertionError("no column " + header));
        return table.getItems().stream().map(row -> String.valueOf(column.getCellObservableValue(row).getValue())).toList();
    }

    private static long sum(List<String> texts) {
        return texts.stream().mapToLong(t -> Long.parseLong(t.replace(",", ""))).sum();
    }

    @Test
    void warmup_runsToTheEnd_andTheTableShowsRealNumbers(FxRobot robot) throws Exception {
        awaitAllEnded(robot);
        onFx(() -> {
            assertEquals("200", robot.lookup("#counter-submitted").queryAs(Label.class).getText());
            assertEquals("0", robot.lookup("#counter-in-flight").queryAs(Label.class).getText());

            TableView<StrategyRow> table = strategyTable(robot);
            assertEquals(List.of(Strategy.values()), table.getItems().stream().map(StrategyRow::strategy).toList());
            List<String> routed = columnTexts(table, "Routed");
            assertEquals(JOBS, sum(routed), "routed counts must add up to every job: " + routed);
            long completed = sum(columnTexts(table, "Completed"));
            assertEquals(shownCount(robot, "#counter-completed"), completed);
            assertEquals(completed, sum(columnTexts(table, "Met")) + sum(columnTexts(table, "Late")));
            assertEquals(shownCount(robot, "#counter-met"), sum(columnTexts(table, "Met")));

            // Every strategy that completed jobs shows ordered, positive latencies in ms.
            List<String> done = columnTexts(table, "Completed");
            List<String> p50 = columnTexts(table, "p50");
            List<String> p95 = columnTexts(table, "p95");
            List<String> p99 = columnTexts(table, "p99");
            List<String> max = columnTexts(table, "max");
            int withLatency = 0;
            for (int i = 0; i < done.size(); i++) {
                if (done.get(i).equals("0")) {
                    assertEquals(DisplayFormat.NONE, p50.get(i), "no samples, no latency");
                    continue;
                }
                withLatency++;
                double a = ms(p50.get(i));
                double b = ms(p95.get(i));
                double c = ms(p99.get(i));
                double d = ms(max.get(i));
                assertTrue(a > 0 && a <= b && b <= c && c <= d, "percentiles in order: " + a + " " + b + " " + c + " " + d);
                assertTrue(p50.get(i).matches("[0-9,]+\\.[0-9]{3}"), "ms with 3 decimals: " + p50.get(i));
            }
            assertTrue(withLatency > 0, "some strategy must have completed jobs");
            String status = robot.lookup(".status-chip").queryAs(Label.class).getText();
            assertTrue(status.startsWith("Finished in "), status);
            return null;
        });
    }

    private static double ms(String text) {
        return Double.parseDouble(text.replace(",", ""));
    }

    @Test
    void dropsByReason_addUpToTheDroppedCounter(FxRobot robot) throws Exception {
        awaitAllEnded(robot);
        onFx(() -> {
            long byReason = robot.lookup(".reason-count").queryAllAs(Label.class).stream()
                    .mapToLong(l -> Long.parseLong(l.getText().replace(",", ""))).sum();
            assertEquals(shownCount(robot, "#counter-dropped"), byReason);
            assertEquals(7, robot.lookup(".reason-row").queryAll().size());
            return null;
        });
    }

    @Test
    void perKindTable_coversEveryJob(FxRobot robot) throws Exception {
        awaitAllEnded(robot);
        onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<KindRow> kinds = robot.lookup("#kindTable").queryAs(TableView.class);
            assertEquals(List.of("HashMix", "MonteCarloRisk", "PrimeCount"), kinds.getItems().stream().map(KindRow::kind).toList());
            assertEquals(JOBS, kinds.getItems().stream().mapToLong(KindRow::routed).sum());
            for (KindRow k : kinds.getItems()) {
                assertEquals(k.routed(), k.completed() + k.dropped() + k.failed(), k.toString());
            }
            return null;
        });
    }

    @Test
    void strategyNames_carryTooltipsThatTeach(FxRobot robot) throws Exception {
        awaitAllEnded(robot);
        onFx(() -> {
            var cells = robot.lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                    && c.getItem() instanceof Strategy).queryAll();
            assertEquals(Strategy.values().length, cells.size());
            for (var node : cells) {
                var cell = (javafx.scene.control.TableCell<?, ?>) node;
                Strategy s = (Strategy) cell.getItem();
                assertNotNull(cell.getTooltip(), s + " has no tooltip");
                assertTrue(cell.getTooltip().getText().startsWith(s.wireName() + ":"), cell.getTooltip().getText());
            }
            return null;
        });
    }

    @Test
    void restart_runsTheWarmupAgain_onAFreshRouter(FxRobot robot) throws Exception {
        awaitAllEnded(robot);
        WarmupRun first = onFx(() -> window.viewModel().currentRun());
        robot.clickOn("Restart");
        WarmupRun second = onFx(() -> window.viewModel().currentRun());
        assertNotSame(first, second);
        assertNotEquals(first.threadPrefix(), second.threadPrefix());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> first.router().isClosed());
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, second::isFinished);
        awaitAllEnded(robot);
        assertEquals(JOBS, second.snapshot().submitted());
        String status = onFx(() -> robot.lookup(".status-chip").queryAs(Label.class).getText());
        assertTrue(status.toLowerCase(Locale.ROOT).startsWith("finished"), status);
    }

    @Test
    void window_isSizedForA1280x800Screen(FxRobot robot) throws Exception {
        onFx(() -> {
            Stage stage = window.stage();
            assertEquals(1280, stage.getScene().getWidth(), 0.5);
            assertEquals(800, stage.getScene().getHeight(), 0.5);
            assertTrue(stage.getScene().getStylesheets().getFirst().endsWith("/styles/lab.css"));
            return null;
        });
    }
}
