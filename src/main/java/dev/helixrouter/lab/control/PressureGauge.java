package dev.helixrouter.lab.control;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * A pressure gauge: a needle over a 0–1 dial with green, amber and red zones, and a mark for the
 * pressure an upstream system injects. The red zone starts where the router starts shedding
 * ({@code pressure_shed_threshold}), so the gauge shows at a glance how close the router is to
 * refusing work.
 *
 * <p>The control holds the numbers; {@link PressureGaugeSkin} draws them. Colours come from CSS:
 * style classes {@code pressure-gauge}, {@code gauge-zone-green}, {@code gauge-zone-amber},
 * {@code gauge-zone-red}, {@code gauge-needle}, {@code gauge-external-mark}, {@code gauge-value}.
 */
public class PressureGauge extends Control {
    private final DoubleProperty value = new SimpleDoubleProperty(this, "value");
    private final DoubleProperty externalValue = new SimpleDoubleProperty(this, "externalValue");
    private final DoubleProperty amberFrom = new SimpleDoubleProperty(this, "amberFrom", 0.6);
    private final DoubleProperty redFrom = new SimpleDoubleProperty(this, "redFrom", 0.9);
    private final StringProperty caption = new SimpleStringProperty(this, "caption", "effective pressure");

    /** A gauge at 0, zones at 0.6 and 0.9. */
    public PressureGauge() {
        getStyleClass().add("pressure-gauge");
        setMinSize(120, 90);
        setPrefSize(240, 190);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new PressureGaugeSkin(this);
    }

    /** Clamps to [0, 1]; NaN reads as 0. */
    static double unit(double v) {
        return v >= 0 ? Math.min(1, v) : 0;
    }

    /** The needle's value, 0–1 (clamped when drawn). */
    public final DoubleProperty valueProperty() {
        return value;
    }

    public final double getValue() {
        return value.get();
    }

    public final void setValue(double v) {
        value.set(v);
    }

    /** Pressure injected from upstream, 0–1; 0 hides the mark. */
    public final DoubleProperty externalValueProperty() {
        return externalValue;
    }

    public final double getExternalValue() {
        return externalValue.get();
    }

    public final void setExternalValue(double v) {
        externalValue.set(v);
    }

    /** Where the amber zone starts. */
    public final DoubleProperty amberFromProperty() {
        return amberFrom;
    }

    public final double getAmberFrom() {
        return amberFrom.get();
    }

    public final void setAmberFrom(double v) {
        amberFrom.set(v);
    }

    /** Where the red zone starts (the shed threshold). */
    public final DoubleProperty redFromProperty() {
        return redFrom;
    }

    public final double getRedFrom() {
        return redFrom.get();
    }

    public final void setRedFrom(double v) {
        redFrom.set(v);
    }

    /** The words under the value. */
    public final StringProperty captionProperty() {
        return caption;
    }

    public final String getCaption() {
        return caption.get();
    }

    public final void setCaption(String c) {
        caption.set(c);
    }

    /** The zone {@code v} falls in on this gauge: {@code green}, {@code amber} or {@code red}. */
    public String zoneOf(double v) {
        return zone(v, getAmberFrom(), getRedFrom());
    }

    /** The zone of {@code v} when amber starts at {@code amberFrom} and red at {@code redFrom}. */
    public static String zone(double v, double amberFrom, double redFrom) {
        double x = unit(v);
        double red = unit(redFrom);
        double amber = Math.min(unit(amberFrom), red);
        return x >= red ? "red" : x >= amber ? "amber" : "green";
    }
}
