package dev.helixrouter.lab.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * Draws a {@link WeightHeatmap}: row labels on the left, column labels on top, one rectangle per
 * cell coloured by {@link WeightHeatmap#colorFor}, each cell's value printed inside when it fits,
 * and a legend bar from −scale to +scale underneath. Cells are rebuilt when the matrix changes
 * shape and recoloured when only its values change.
 *
 * <p>Nodes are made only when the shape changes: a refresh with new values sets colours and texts
 * in place. Every cell shares one tooltip whose text is set when the pointer enters the cell (a
 * {@link Tooltip} is a window with its own scene: one per cell made a run's first refresh slow).
 */
public class WeightHeatmapSkin extends SkinBase<WeightHeatmap> {
    private static final PseudoClass HOVER = PseudoClass.getPseudoClass("hovered");
    private static final double ROW_LABEL_GAP = 8;
    private static final double LEGEND_HEIGHT = 10;

    private final List<Label> rowLabels = new ArrayList<>();
    private final List<Label> columnLabels = new ArrayList<>();
    private final List<Rectangle> cells = new ArrayList<>();
    private final List<Label> values = new ArrayList<>();
    private final Tooltip cellTip = new Tooltip();
    private final Rectangle legend = new Rectangle();
    private final Label legendMin = new Label();
    private final Label legendMax = new Label();
    private final Label legendZero = new Label("0");
    private int hoveredRow = -1;
    private int hoveredColumn = -1;
    private int shownRows = -1;
    private int shownColumns = -1;

    /** A skin for {@code heatmap}. */
    public WeightHeatmapSkin(WeightHeatmap heatmap) {
        super(heatmap);
        cellTip.setShowDelay(Duration.millis(80));
        legend.getStyleClass().add("heatmap-legend");
        for (Label l : List.of(legendMin, legendMax, legendZero)) {
            l.getStyleClass().add("heatmap-legend-label");
        }
        registerChangeListener(heatmap.dataProperty(), o -> rebuild());
        registerChangeListener(heatmap.scaleProperty(), o -> recolor());
        registerChangeListener(heatmap.columnLabelShortenerProperty(), o -> rebuild());
        rebuild();
    }

    private void rebuild() {
        HeatmapData d = getSkinnable().getData();
        if (d.rows() != shownRows || d.columns() != shownColumns) {
            rowLabels.clear();
            columnLabels.clear();
            cells.clear();
            values.clear();
            List<Node> children = new ArrayList<>();
            for (int r = 0; r < d.rows(); r++) {
                Label l = new Label();
                l.getStyleClass().add("heatmap-row-label");
                rowLabels.add(l);
                children.add(l);
            }
            for (int c = 0; c < d.columns(); c++) {
                Label l = new Label();
                l.getStyleClass().add("heatmap-column-label");
                l.setAlignment(Pos.CENTER);
                l.setTooltip(new Tooltip());
                columnLabels.add(l);
                children.add(l);
            }
            for (int r = 0; r < d.rows(); r++) {
                for (int c = 0; c < d.columns(); c++) {
                    int row = r;
                    int col = c;
                    Rectangle rect = new Rectangle();
                    rect.getStyleClass().add("heatmap-cell");
                    rect.setManaged(false);
                    Tooltip.install(rect, cellTip);
                    rect.setOnMouseEntered(e -> hover(rect, row, col));
                    rect.setOnMouseExited(e -> {
                        rect.pseudoClassStateChanged(HOVER, false);
                        hoveredRow = -1;
                        hoveredColumn = -1;
                        getSkinnable().setHoverText("");
                    });
                    Label v = new Label();
                    v.getStyleClass().add("heatmap-value");
                    v.setMouseTransparent(true);
                    v.setAlignment(Pos.CENTER);
                    cells.add(rect);
                    values.add(v);
                    children.add(rect);
                    children.add(v);
                }
            }
            children.add(legend);
            children.addAll(List.of(legendMin, legendZero, legendMax));
            getChildren().setAll(children);
            hoveredRow = -1;
            hoveredColumn = -1;
            shownRows = d.rows();
            shownColumns = d.columns();
        }
        for (int r = 0; r < d.rows(); r++) {
            rowLabels.get(r).setText(d.rowLabels().get(r));
        }
        for (int c = 0; c < d.columns(); c++) {
            columnLabels.get(c).setText(getSkinnable().columnLabelShortenerProperty().get()
                    .apply(d.columnLabels().get(c)));
            columnLabels.get(c).getTooltip().setText(d.columnLabels().get(c));
        }
        recolor();
        getSkinnable().requestLayout();
    }

    private void hover(Rectangle rect, int row, int col) {
        rect.pseudoClassStateChanged(HOVER, true);
        hoveredRow = row;
        hoveredColumn = col;
        describeHovered();
    }

    /** The hovered cell's text, in the shared tooltip and the control's hover text. */
    private void describeHovered() {
        String text = getSkinnable().describeCell(hoveredRow, hoveredColumn);
        cellTip.setText(text);
        getSkinnable().setHoverText(text);
    }

    private void recolor() {
        WeightHeatmap h = getSkinnable();
        HeatmapData d = h.getData();
        double scale = h.effectiveScale();
        for (int r = 0; r < d.rows(); r++) {
            for (int c = 0; c < d.columns(); c++) {
                int i = r * d.columns() + c;
                double v = d.value(r, c);
                Color fill = WeightHeatmap.colorFor(v, scale);
                cells.get(i).setFill(fill);
                values.get(i).setText(Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "");
                values.get(i).setTextFill(fill.getBrightness() > 0.75 && fill.getSaturation() < 0.5
                        ? Color.web("#12151b") : Color.web("#eef1f6"));
            }
        }
        if (hoveredRow >= 0 && hoveredRow < d.rows() && hoveredColumn < d.columns()) {
            describeHovered(); // new values under the pointer
        }
        legend.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE,
                new Stop(0, WeightHeatmap.NEGATIVE), new Stop(0.5, WeightHeatmap.NEUTRAL),
                new Stop(1, WeightHeatmap.POSITIVE)));
        legendMin.setText(String.format(Locale.ROOT, "%+.2f", -scale));
        legendMax.setText(String.format(Locale.ROOT, "%+.2f", scale));
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        HeatmapData d = getSkinnable().getData();
        double labelW = 0;
        for (Label l : rowLabels) {
            labelW = Math.max(labelW, l.prefWidth(-1));
        }
        double headerH = columnLabels.isEmpty() ? 0 : columnLabels.getFirst().prefHeight(-1) + 4;
        double legendBlock = LEGEND_HEIGHT + legendMin.prefHeight(-1) + 10;
        double gridW = Math.max(0, w - labelW - ROW_LABEL_GAP);
        double gridH = Math.max(0, h - headerH - legendBlock);
        double cw = d.columns() == 0 ? 0 : gridW / d.columns();
        double ch = d.rows() == 0 ? 0 : Math.min(gridH / d.rows(), Math.max(22, cw * 0.8));
        double gx = x + labelW + ROW_LABEL_GAP;
        double gy = y + headerH;
        for (int c = 0; c < columnLabels.size(); c++) {
            Label l = columnLabels.get(c);
            layoutInArea(l, gx + c * cw, y, cw, headerH, 0, HPos.CENTER, VPos.BOTTOM);
        }
        for (int r = 0; r < rowLabels.size(); r++) {
            layoutInArea(rowLabels.get(r), x, gy + r * ch, labelW, ch, 0, HPos.RIGHT, VPos.CENTER);
            for (int c = 0; c < d.columns(); c++) {
                int i = r * d.columns() + c;
                Rectangle rect = cells.get(i);
                rect.setX(gx + c * cw + 1);
                rect.setY(gy + r * ch + 1);
                rect.setWidth(Math.max(0, cw - 2));
                rect.setHeight(Math.max(0, ch - 2));
                Label v = values.get(i);
                v.setVisible(cw >= 38 && ch >= 18);
                layoutInArea(v, gx + c * cw, gy + r * ch, cw, ch, 0, HPos.CENTER, VPos.CENTER);
            }
        }
        double ly = gy + d.rows() * ch + 8;
        double lw = Math.min(gridW, 240);
        legend.setX(gx);
        legend.setY(ly);
        legend.setWidth(lw);
        legend.setHeight(LEGEND_HEIGHT);
        legend.setVisible(d.rows() > 0);
        double lh = legendMin.prefHeight(-1);
        layoutInArea(legendMin, gx, ly + LEGEND_HEIGHT, lw, lh, 0, HPos.LEFT, VPos.TOP);
        layoutInArea(legendZero, gx, ly + LEGEND_HEIGHT, lw, lh, 0, HPos.CENTER, VPos.TOP);
        layoutInArea(legendMax, gx, ly + LEGEND_HEIGHT, lw, lh, 0, HPos.RIGHT, VPos.TOP);
        for (Label l : List.of(legendMin, legendMax, legendZero)) {
            l.setVisible(d.rows() > 0);
        }
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        HeatmapData d = getSkinnable().getData();
        return top + bottom + 24 + d.rows() * 30 + LEGEND_HEIGHT + 30;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        HeatmapData d = getSkinnable().getData();
        return left + right + 90 + d.columns() * 56;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return left + right + 60;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return top + bottom + 40;
    }

    /** For tests: the cell rectangles, row by row. */
    List<Rectangle> cells() {
        return List.copyOf(cells);
    }
}
