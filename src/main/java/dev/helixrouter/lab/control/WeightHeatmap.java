package dev.helixrouter.lab.control;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.paint.Color;

/**
 * A heatmap of a weight matrix (the learned policy's strategies × features, one per job kind)
 * in diverging colours: negative weights blue, zero neutral, positive orange, the intensity
 * proportional to the magnitude. Hovering a cell shows its row, column and exact value, in
 * {@link #hoverTextProperty()} and in a tooltip.
 *
 * <p>The control holds the data and the colour rule; {@link WeightHeatmapSkin} draws the cells,
 * the labels and a legend. Style classes: {@code weight-heatmap}, {@code heatmap-cell},
 * {@code heatmap-row-label}, {@code heatmap-column-label}, {@code heatmap-legend}.
 */
public class WeightHeatmap extends Control {
    /** Colour of the most negative value. */
    public static final Color NEGATIVE = Color.web("#4f8df7");
    /** Colour of zero. */
    public static final Color NEUTRAL = Color.web("#262c37");
    /** Colour of the most positive value. */
    public static final Color POSITIVE = Color.web("#ff9f43");
    /** Colour of a missing value. */
    public static final Color MISSING = Color.web("#3a3f4a");

    private final ObjectProperty<HeatmapData> data = new SimpleObjectProperty<>(this, "data", HeatmapData.EMPTY);
    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", Double.NaN);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final ObjectProperty<java.util.function.UnaryOperator<String>> columnLabelShortener =
            new SimpleObjectProperty<>(this, "columnLabelShortener", java.util.function.UnaryOperator.identity());

    /** An empty heatmap with automatic scale. */
    public WeightHeatmap() {
        getStyleClass().add("weight-heatmap");
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new WeightHeatmapSkin(this);
    }

    /**
     * The colour of {@code value} when magnitudes up to {@code scale} are shown: blue for
     * negative, orange for positive, blended from the neutral colour by {@code |value| / scale}
     * (clamped). NaN is {@link #MISSING}; a scale of 0 shows everything neutral.
     */
    public static Color colorFor(double value, double scale) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        if (!(scale > 0)) {
            return NEUTRAL;
        }
        double t = Math.min(1, Math.abs(value) / scale);
        return NEUTRAL.interpolate(value < 0 ? NEGATIVE : POSITIVE, t);
    }

    /** The magnitude that gets full colour: {@link #scaleProperty()} if set, else the data's largest. */
    public double effectiveScale() {
        double s = getScale();
        return s > 0 ? s : getData().maxAbs();
    }

    /** The text shown when hovering cell ({@code row}, {@code column}). */
    public String describeCell(int row, int column) {
        HeatmapData d = getData();
        double v = d.value(row, column);
        return d.rowLabels().get(row) + " \u00d7 " + d.columnLabels().get(column) + " = "
                + (Double.isFinite(v) ? String.format(Locale.ROOT, "%+.4f", v) : "n/a");
    }

    void setHoverText(String text) {
        hoverText.set(text);
    }

    /**
     * Shortens column labels for display where cells are narrow (the full label stays in the
     * column's tooltip and in the hover text); identity by default.
     */
    public final ObjectProperty<java.util.function.UnaryOperator<String>> columnLabelShortenerProperty() {
        return columnLabelShortener;
    }

    public final void setColumnLabelShortener(java.util.function.UnaryOperator<String> f) {
        columnLabelShortener.set(f == null ? java.util.function.UnaryOperator.identity() : f);
    }

    /** The text shown for the hovered cell, or empty. */
    public final String getHoverText() {
        return hoverText.get();
    }

    /** The matrix shown. */
    public final ObjectProperty<HeatmapData> dataProperty() {
        return data;
    }

    public final HeatmapData getData() {
        return data.get();
    }

    public final void setData(HeatmapData d) {
        data.set(d == null ? HeatmapData.EMPTY : d);
    }

    /** Magnitude shown in full colour; NaN or 0 for the data's largest (the default). */
    public final DoubleProperty scaleProperty() {
        return scale;
    }

    public final double getScale() {
        return scale.get();
    }

    public final void setScale(double s) {
        scale.set(s);
    }

    /** What the hovered cell holds ("spawn × log_cost = +0.3420"), or empty. */
    public final ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }
}
