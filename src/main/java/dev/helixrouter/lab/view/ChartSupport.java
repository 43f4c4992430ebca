package dev.helixrouter.lab.view;

import dev.helixrouter.lab.model.CurvePoint;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * Small helpers for the lab's line charts: keeping a chart series in step with a bounded list of
 * points (incrementally: append at the end, drop from the front), a time axis that follows the
 * run, and a logarithmic latency axis (JavaFX has none: values are plotted as log10(ms) and the
 * tick labels print 10^k).
 */
final class ChartSupport {
    /** Shortest span the time axis shows, seconds. */
    static final double MIN_SPAN_SECS = 20;

    private ChartSupport() {}

    /**
     * Makes {@code series} mirror {@code points} through {@code x} and {@code y} (points whose y is
     * not finite are left out). Call {@link #sync} after each change of the list.
     */
    static <P> void sync(XYChart.Series<Number, Number> series, List<P> points, ToDoubleFunction<P> x,
                         ToDoubleFunction<P> y) {
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        if (points.isEmpty()) {
            data.clear();
            return;
        }
        double oldest = x.applyAsDouble(points.getFirst());
        int drop = 0;
        while (drop < data.size() && data.get(drop).getXValue().doubleValue() < oldest) {
            drop++;
        }
        if (drop > 0) {
            data.remove(0, drop);
        }
        double last = data.isEmpty() ? Double.NEGATIVE_INFINITY : data.getLast().getXValue().doubleValue();
        java.util.ArrayList<XYChart.Data<Number, Number>> add = new java.util.ArrayList<>();
        for (int i = points.size() - 1; i >= 0; i--) {
            P p = points.get(i);
            double px = x.applyAsDouble(p);
            if (px <= last) {
                break;
            }
            double py = y.applyAsDouble(p);
            if (Double.isFinite(py)) {
                add.add(new XYChart.Data<>(px, py));
            }
        }
        if (!add.isEmpty()) {
            java.util.Collections.reverse(add);
            data.addAll(add);
        }
    }

    /** Keeps {@code series} in step with {@code curve}. */
    static void bindCurve(XYChart.Series<Number, Number> series, ObservableList<CurvePoint> curve) {
        Runnable s = () -> sync(series, curve, CurvePoint::x, CurvePoint::y);
        curve.addListener((ListChangeListener<CurvePoint>) c -> s.run());
        s.run();
    }

    /** Shows the last {@code window} seconds up to {@code latest} (at least {@link #MIN_SPAN_SECS}). */
    static void followTime(NumberAxis axis, double earliest, double latest) {
        double upper = Math.max(MIN_SPAN_SECS, Math.ceil(latest));
        double lower = Math.max(0, Math.floor(earliest));
        if (upper - lower < MIN_SPAN_SECS) {
            lower = Math.max(0, upper - MIN_SPAN_SECS);
        }
        axis.setLowerBound(lower);
        axis.setUpperBound(upper);
        axis.setTickUnit(niceStep((upper - lower) / 6));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** log10 of a latency in ms, floored at 1 µs. */
    static double logMs(double ms) {
        return Math.log10(Math.max(ms, 0.001));
    }

    /** Prepares {@code axis} to show log10(ms) values with readable labels. */
    static void logLatencyAxis(NumberAxis axis) {
        axis.setAutoRanging(false);
        axis.setLowerBound(-2);
        axis.setUpperBound(3);
        axis.setTickUnit(1);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double ms = Math.pow(10, Math.rint(n.doubleValue()));
                return ms >= 1 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT, "%s",
                        java.math.BigDecimal.valueOf(ms).stripTrailingZeros().toPlainString());
            }

            @Override
            public Number fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        });
    }

    /** Fits the log axis to values between {@code minLog} and {@code maxLog} (whole decades, at least two). */
    static void fitLog(NumberAxis axis, double minLog, double maxLog) {
        if (!Double.isFinite(minLog) || !Double.isFinite(maxLog)) {
            return;
        }
        double lo = Math.floor(minLog);
        double hi = Math.ceil(maxLog);
        if (hi - lo < 2) {
            hi = lo + 2;
        }
        axis.setLowerBound(lo);
        axis.setUpperBound(hi);
    }
}
