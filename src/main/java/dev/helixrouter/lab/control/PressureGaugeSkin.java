package dev.helixrouter.lab.control;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link PressureGauge}: a 240° dial (0 at lower left, 1 at lower right) of three zone
 * arcs, ticks at every quarter, the needle, the external-pressure mark outside the rim, and the
 * value in the middle. Geometry is recomputed on layout, so the gauge scales with its cell.
 */
public class PressureGaugeSkin extends SkinBase<PressureGauge> {
    private static final double START = 210;
    private static final double SWEEP = 240;

    private final Arc track = arc("gauge-track");
    private final Arc green = arc("gauge-zone-green");
    private final Arc amber = arc("gauge-zone-amber");
    private final Arc red = arc("gauge-zone-red");
    private final Line[] ticks = new Line[5];
    private final Text[] tickLabels = new Text[5];
    private final Polygon needle = new Polygon();
    private final Circle hub = new Circle();
    private final Polygon externalMark = new Polygon();
    private final Text externalLabel = new Text("upstream");
    private final Label value = new Label();
    private final Label caption = new Label();

    /** A skin for {@code gauge}. */
    public PressureGaugeSkin(PressureGauge gauge) {
        super(gauge);
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = new Line();
            ticks[i].getStyleClass().add("gauge-tick");
            tickLabels[i] = new Text(i == 0 ? "0" : i == 4 ? "1" : String.format(Locale.ROOT, "%.2f", i / 4.0));
            tickLabels[i].getStyleClass().add("gauge-tick-label");
            tickLabels[i].setTextOrigin(VPos.CENTER);
            tickLabels[i].setTextAlignment(TextAlignment.CENTER);
        }
        needle.getStyleClass().add("gauge-needle");
        hub.getStyleClass().add("gauge-hub");
        externalMark.getStyleClass().add("gauge-external-mark");
        externalLabel.getStyleClass().add("gauge-external-label");
        externalLabel.setTextOrigin(VPos.CENTER);
        value.getStyleClass().add("gauge-value");
        caption.getStyleClass().add("gauge-caption");
        getChildren().addAll(track, green, amber, red);
        getChildren().addAll(ticks);
        getChildren().addAll(tickLabels);
        getChildren().addAll(externalMark, externalLabel, needle, hub, value, caption);
        caption.textProperty().bind(gauge.captionProperty());
        registerChangeListener(gauge.valueProperty(), o -> gauge.requestLayout());
        registerChangeListener(gauge.externalValueProperty(), o -> gauge.requestLayout());
        registerChangeListener(gauge.amberFromProperty(), o -> gauge.requestLayout());
        registerChangeListener(gauge.redFromProperty(), o -> gauge.requestLayout());
    }

    private static Arc arc(String styleClass) {
        Arc a = new Arc();
        a.setType(ArcType.OPEN);
        a.getStyleClass().add(styleClass);
        a.setStrokeLineCap(StrokeLineCap.BUTT);
        a.setFill(null);
        a.setManaged(false);
        return a;
    }

    private static double angle(double v) {
        return START - SWEEP * PressureGauge.unit(v);
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        PressureGauge g = getSkinnable();
        // The dial spans 240 degrees: its height is r (above the centre) + r*sin(30) below it, plus labels.
        double r = Math.max(10, Math.min((w - 24) / 2, (h - 34) / 1.5));
        double cx = x + w / 2;
        double cy = y + r + 12;
        double thick = Math.max(6, r * 0.16);
        double v = PressureGauge.unit(g.getValue());
        double redFrom = PressureGauge.unit(g.getRedFrom());
        double amberFrom = Math.min(PressureGauge.unit(g.getAmberFrom()), redFrom);

        place(track, cx, cy, r, 0, 1, thick);
        place(green, cx, cy, r, 0, amberFrom, thick);
        place(amber, cx, cy, r, amberFrom, redFrom, thick);
        place(red, cx, cy, r, redFrom, 1, thick);
        green.setVisible(amberFrom > 0);
        amber.setVisible(redFrom > amberFrom);
        red.setVisible(redFrom < 1);

        for (int i = 0; i < ticks.length; i++) {
            double a = Math.toRadians(angle(i / 4.0));
            double r1 = r - thick / 2 - 2;
            double r2 = r1 - Math.max(4, r * 0.07);
            ticks[i].setStartX(cx + r1 * Math.cos(a));
            ticks[i].setStartY(cy - r1 * Math.sin(a));
            ticks[i].setEndX(cx + r2 * Math.cos(a));
            ticks[i].setEndY(cy - r2 * Math.sin(a));
            double rl = r2 - 12;
            Text t = tickLabels[i];
            double tw = t.getLayoutBounds().getWidth();
            t.setX(cx + rl * Math.cos(a) - tw / 2);
            t.setY(cy - rl * Math.sin(a));
            t.setVisible(r > 45);
        }

        double a = Math.toRadians(angle(v));
        double len = r - thick / 2 - 4;
        double base = Math.max(3, r * 0.05);
        double px = -Math.sin(a);
        double py = -Math.cos(a);
        needle.getPoints().setAll(
                cx + len * Math.cos(a), cy - len * Math.sin(a),
                cx + base * px, cy + base * py,
                cx - base * Math.cos(a) * 2, cy + base * Math.sin(a) * 2,
                cx - base * px, cy - base * py);
        hub.setCenterX(cx);
        hub.setCenterY(cy);
        hub.setRadius(base * 1.6);

        double ext = g.getExternalValue();
        boolean showExt = ext > 0;
        externalMark.setVisible(showExt);
        externalLabel.setVisible(showExt && r > 45);
        if (showExt) {
            double e = Math.toRadians(angle(ext));
            double tip = r + thick / 2 + 1;
            double back = tip + Math.max(8, r * 0.12);
            double half = Math.toRadians(4);
            externalMark.getPoints().setAll(
                    cx + tip * Math.cos(e), cy - tip * Math.sin(e),
                    cx + back * Math.cos(e - half), cy - back * Math.sin(e - half),
                    cx + back * Math.cos(e + half), cy - back * Math.sin(e + half));
            double lr = back + 4;
            double lx = cx + lr * Math.cos(e);
            double lw = externalLabel.getLayoutBounds().getWidth();
            externalLabel.setX(Math.cos(e) < -0.2 ? lx - lw : Math.cos(e) > 0.2 ? lx : lx - lw / 2);
            externalLabel.setY(cy - lr * Math.sin(e) - (Math.sin(e) > 0.5 ? 6 : 0));
        }

        value.setText(String.format(Locale.ROOT, "%.2f", v));
        value.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("amber"), "amber".equals(g.zoneOf(v)));
        value.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("red"), "red".equals(g.zoneOf(v)));
        double vw = value.prefWidth(-1);
        double vh = value.prefHeight(vw);
        value.resizeRelocate(cx - vw / 2, cy + r * 0.22, vw, vh);
        double cw = caption.prefWidth(-1);
        double ch = caption.prefHeight(cw);
        caption.resizeRelocate(cx - cw / 2, cy + r * 0.22 + vh, cw, ch);
    }

    private static void place(Arc arc, double cx, double cy, double r, double from, double to, double thick) {
        arc.setCenterX(cx);
        arc.setCenterY(cy);
        arc.setRadiusX(r);
        arc.setRadiusY(r);
        arc.setStartAngle(angle(from));
        arc.setLength(-SWEEP * Math.max(0, to - from));
        arc.setStrokeWidth(thick);
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 240 + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 190 + top + bottom;
    }
}
