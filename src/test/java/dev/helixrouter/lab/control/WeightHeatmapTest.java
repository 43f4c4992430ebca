package dev.helixrouter.lab.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The weight heatmap with synthetic data: diverging colours, values on hover. */
@ExtendWith(ApplicationExtension.class)
class WeightHeatmapTest {
    private static final HeatmapData DATA = new HeatmapData(List.of("inline", "spawn"),
            List.of("bias", "log_cost", "pressure"),
            new double[][] {{-1.0, 0.0, 0.25}, {0.5, Double.NaN, 1.0}});

    private WeightHeatmap heatmap;

    @Start
    void start(Stage stage) {
        heatmap = new WeightHeatmap();
        heatmap.setData(DATA);
        stage.setScene(new Scene(new StackPane(heatmap), 480, 220));
        stage.show();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void colours_divergeAroundZero() {
        assertEquals(WeightHeatmap.NEGATIVE, WeightHeatmap.colorFor(-2, 1), "clamped to full blue");
        assertEquals(WeightHeatmap.POSITIVE, WeightHeatmap.colorFor(1, 1));
        assertEquals(WeightHeatmap.NEUTRAL, WeightHeatmap.colorFor(0, 1));
        assertEquals(WeightHeatmap.MISSING, WeightHeatmap.colorFor(Double.NaN, 1));
        Color halfPositive = WeightHeatmap.colorFor(0.5, 1);
        assertTrue(halfPositive.getRed() > WeightHeatmap.NEUTRAL.getRed()
                && halfPositive.getRed() < WeightHeatmap.POSITIVE.getRed());
        Color halfNegative = WeightHeatmap.colorFor(-0.5, 1);
        assertTrue(halfNegative.getBlue() > WeightHeatmap.NEUTRAL.getBlue());
    }

    @Test
    void oneCellPerValue_colouredOnTheDataScale() throws Exception {
        List<Rectangle> cells = onFx(() -> ((WeightHeatmapSkin) heatmap.getSkin()).cells());
        assertEquals(6, cells.size());
        assertEquals(1.0, heatmap.effectiveScale());
        assertEquals(WeightHeatmap.NEGATIVE, cells.get(0).getFill());
        assertEquals(WeightHeatmap.NEUTRAL, cells.get(1).getFill());
        assertEquals(WeightHeatmap.MISSING, cells.get(4).getFill());
        assertEquals(WeightHeatmap.POSITIVE, cells.get(5).getFill());
    }

    @Test
    void hoveringACell_showsItsRowColumnAndValue(FxRobot robot) throws Exception {
        List<Rectangle> cells = onFx(() -> ((WeightHeatmapSkin) heatmap.getSkin()).cells());
        robot.moveTo(cells.get(2));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !heatmap.getHoverText().isEmpty());
        assertEquals("inline \u00d7 pressure = +0.2500", heatmap.getHoverText());
        robot.moveTo(cells.get(3));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> heatmap.getHoverText().startsWith("spawn"));
        assertEquals("spawn \u00d7 bias = +0.5000", heatmap.getHoverText());
        javafx.scene.control.Tooltip tip = onFx(() -> (javafx.scene.control.Tooltip) cells.get(3).getProperties()
                .get("javafx.scene.control.Tooltip"));
        assertEquals("spawn \u00d7 bias = +0.5000", tip.getText(), "the cells' shared tooltip follows the pointer");
        assertTrue(onFx(() -> cells.get(0).getProperties().get("javafx.scene.control.Tooltip") == tip));
    }

    @Test
    void newValues_recolourInPlace_andANewShapeRebuilds() throws Exception {
        List<Rectangle> before = onFx(() -> ((WeightHeatmapSkin) heatmap.getSkin()).cells());
        List<javafx.scene.Node> children = onFx(() -> List.copyOf(heatmap.getChildrenUnmodifiable()));
        onFx(() -> {
            heatmap.setData(new HeatmapData(DATA.rowLabels(), DATA.columnLabels(),
                    new double[][] {{2, 0, 0}, {0, 0, -2}}));
            return null;
        });
        List<Rectangle> cells = onFx(() -> ((WeightHeatmapSkin) heatmap.getSkin()).cells());
        assertEquals(WeightHeatmap.POSITIVE, cells.get(0).getFill());
        assertEquals(WeightHeatmap.NEGATIVE, cells.get(5).getFill());
        assertEquals(before, cells, "the same nodes, recoloured: a refresh makes no nodes");
        assertEquals(children, onFx(() -> List.copyOf(heatmap.getChildrenUnmodifiable())));
        onFx(() -> {
            heatmap.setData(new HeatmapData(List.of("a"), List.of("x"), new double[][] {{0.1}}));
            return null;
        });
        assertEquals(1, onFx(() -> ((WeightHeatmapSkin) heatmap.getSkin()).cells()).size());
    }
}
