package dev.helixrouter.lab.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.StrokeLineCap;
import javafx.util.Duration;

/**
 * A donut chart: one ring segment per slice, in order from 12 o'clock clockwise, with a big
 * number and a caption in the hole. Slices are coloured by their style class (e.g.
 * {@code donut-inline}), so the strategy colours of the theme apply. Unlike {@code PieChart} it
 * neither animates nor places labels: a legend next to it names the slices.
 */
public class DonutChart extends Region {

    /**
     * A slice.
     *
     * @param name       what it stands for (tooltip)
     * @param value      its size; slices of 0 are not drawn
     * @param styleClass CSS class of its segment
     * @param help       tooltip text
     */
    public record Slice(String name, double value, String styleClass, String help) {
        /** Checks for nulls. */
        public Slice {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(styleClass, "styleClass");
            Objects.requireNonNull(help, "help");
        }
    }

    private final ObservableList<Slice> slices = FXCollections.observableArrayList();
    private final List<Arc> arcs = new ArrayList<>();
    private final Arc track = new Arc();
    private final Label center = new Label();
    private final Label caption = new Label();

    /** An empty donut. */
    public DonutChart() {
        getStyleClass().add("donut-chart");
        track.getStyleClass().add("donut-track");
        track.setType(ArcType.OPEN);
        track.setFill(null);
        track.setManaged(false);
        center.getStyleClass().add("donut-center");
        caption.getStyleClass().add("donut-caption");
        caption.setWrapText(true);
        caption.setAlignment(javafx.geometry.Pos.CENTER);
        caption.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        getChildren().addAll(track, center, caption);
        slices.addListener((ListChangeListener<Slice>) c -> rebuild());
        setPrefSize(220, 220);
        setMinSize(80, 80);
    }

    private void rebuild() {
        while (arcs.size() < slices.size()) {
            Arc a = new Arc();
            a.setType(ArcType.OPEN);
            a.setFill(null);
            a.setStrokeLineCap(StrokeLineCap.BUTT);
            a.setManaged(false);
            Tooltip t = new Tooltip();
            t.setShowDelay(Duration.millis(200));
            t.setWrapText(true);
            t.setMaxWidth(460);
            Tooltip.install(a, t);
            a.getProperties().put(Tooltip.class, t);
            arcs.add(a);
            getChildren().add(1 + arcs.size() - 1, a);
        }
        while (arcs.size() > slices.size()) {
            getChildren().remove(arcs.removeLast());
        }
        for (int i = 0; i < slices.size(); i++) {
            Arc a = arcs.get(i);
            Slice s = slices.get(i);
            a.getStyleClass().setAll("donut-slice", s.styleClass());
            ((Tooltip) a.getProperties().get(Tooltip.class)).setText(s.help());
        }
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double size = Math.min(w, h);
        double thick = Math.max(8, size * 0.14);
        double r = Math.max(4, size / 2 - thick / 2 - 2);
        double cx = snappedLeftInset() + w / 2;
        double cy = snappedTopInset() + h / 2;
        track.setCenterX(cx);
        track.setCenterY(cy);
        track.setRadiusX(r);
        track.setRadiusY(r);
        track.setStartAngle(90);
        track.setLength(-360);
        track.setStrokeWidth(thick);
        double total = 0;
        for (Slice s : slices) {
            total += Math.max(0, s.value());
        }
        double angle = 90;
        double gap = total > 0 ? 1.2 : 0;
        for (int i = 0; i < slices.size(); i++) {
            Arc a = arcs.get(i);
            double v = Math.max(0, slices.get(i).value());
            double sweep = total > 0 ? 360 * v / total : 0;
            a.setCenterX(cx);
            a.setCenterY(cy);
            a.setRadiusX(r);
            a.setRadiusY(r);
            a.setStartAngle(angle);
            a.setLength(-Math.max(0, sweep - (sweep > gap * 2 ? gap : 0)));
            a.setStrokeWidth(thick);
            a.setVisible(sweep > 0);
            angle -= sweep;
        }
        double inner = Math.max(10, (r - thick / 2) * 2 * 0.82);
        double chH = caption.prefHeight(inner);
        double ceH = center.prefHeight(-1);
        double top = cy - (ceH + chH) / 2;
        center.resizeRelocate(cx - inner / 2, top, inner, ceH);
        center.setAlignment(javafx.geometry.Pos.CENTER);
        caption.resizeRelocate(cx - inner / 2, top + ceH, inner, chH);
    }

    /** The slices, in drawing order. */
    public ObservableList<Slice> getSlices() {
        return slices;
    }

    /** The big text in the hole. */
    public StringProperty centerTextProperty() {
        return center.textProperty();
    }

    /** The small text under it. */
    public StringProperty captionProperty() {
        return caption.textProperty();
    }
}
