package dev.helixrouter.lab.model;

import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The autoscaler view's model: observed vs forecast arrival rate over time, the current
 * recommendation, and the apply switch — from the {@code autoscaler} extension of each snapshot
 * ({@link AutoscalerState}). Without it the view still plots the observed arrival rate (from the
 * snapshots' submitted counts) and says that the autoscaler arrives with the adaptive layer.
 *
 * <p>The apply switch changes the config key {@value #MODE_KEY} when this build has it, so it
 * goes through the same versioned store as every other change.
 */
public final class AutoscalerViewModel {
    /** The config key that sets the autoscaler's mode, once the adaptive layer defines it. */
    public static final String MODE_KEY = "autoscaler_mode";
    /** Points kept per series. */
    public static final int MAX_POINTS = 600;

    private final Consumer<ConfigPatch> applier;
    private final Optional<ConfigKey> modeKey = ConfigKey.byJsonName(MODE_KEY);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyBooleanWrapper applyOn = new ReadOnlyBooleanWrapper(this, "applyOn");
    private final ReadOnlyBooleanWrapper applySupported = new ReadOnlyBooleanWrapper(this, "applySupported");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail");
    private final ReadOnlyStringWrapper observed = new ReadOnlyStringWrapper(this, "observed", DisplayFormat.NONE);
    private final ReadOnlyStringWrapper forecast = new ReadOnlyStringWrapper(this, "forecast", DisplayFormat.NONE);
    private final ReadOnlyStringWrapper horizon = new ReadOnlyStringWrapper(this, "horizon", "forecast");
    private final ReadOnlyStringWrapper recommendation = new ReadOnlyStringWrapper(this, "recommendation",
            DisplayFormat.NONE);
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper(this, "mode", DisplayFormat.NONE);
    private final ObservableList<CurvePoint> observedSeries = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> forecastSeries = FXCollections.observableArrayList();
    private RouterSnapshot previous;

    /** A view applying the switch through {@code applier}. */
    public AutoscalerViewModel(Consumer<ConfigPatch> applier) {
        this.applier = Objects.requireNonNull(applier, "applier");
        applySupported.set(modeKey.isPresent());
        clear();
    }

    /** Back to the empty state. */
    public void clear() {
        available.set(false);
        observedSeries.clear();
        forecastSeries.clear();
        previous = null;
        observed.set(DisplayFormat.NONE);
        forecast.set(DisplayFormat.NONE);
        horizon.set("forecast");
        recommendation.set(DisplayFormat.NONE);
        mode.set(DisplayFormat.NONE);
        applyOn.set(false);
        showEmpty();
    }

    private void showEmpty() {
        headline.set("The autoscaler arrives with the adaptive layer");
        detail.set("It will forecast the arrival rate a horizon ahead, recommend the CPU lane's parallelism (Little's "
                + "law) and queue bound, and, switched to apply, resize the lane itself. Meanwhile the chart shows "
                + "the observed arrival rate of the run.");
    }

    /** Shows a new snapshot of a router running with {@code config}. */
    public void show(RouterSnapshot s, RouterConfig config) {
        if (previous != null && s.sequence() == previous.sequence()) {
            return;
        }
        double t = s.uptimeNanos() / 1e9;
        double arrivals = Double.NaN;
        boolean idle = false;
        if (previous != null && s.intervalNanos() > 0 && s.submitted() >= previous.submitted()) {
            arrivals = (s.submitted() - previous.submitted()) / (s.intervalNanos() / 1e9);
            idle = s.inFlight() == 0 && previous.inFlight() == 0 && s.submitted() == previous.submitted()
                    && s.completed() == previous.completed();
        }
        previous = s;
        Object ext = s.extensions().get(AutoscalerState.EXTENSION);
        AutoscalerState st = null;
        if (ext != null) {
            try {
                st = AutoscalerState.from(ext);
            } catch (RuntimeException e) {
                headline.set("The autoscaler's state cannot be read");
                detail.set(e.getMessage());
            }
        }
        available.set(st != null);
        if (st == null) {
            if (ext == null) {
                showEmpty();
            }
            if (!idle || observedSeries.isEmpty()) {
                add(observedSeries, t, arrivals); // a finished run: the chart stays as it ended
            }
            observed.set(DisplayFormat.rate(idle ? 0 : arrivals));
            return;
        }
        double obs = Double.isFinite(st.observedRate()) ? st.observedRate() : arrivals;
        add(observedSeries, t, obs);
        double ahead = Double.isFinite(st.horizonSecs()) ? st.horizonSecs() : 0;
        add(forecastSeries, t + ahead, st.forecastRate());
        observed.set(DisplayFormat.rate(obs));
        forecast.set(DisplayFormat.rate(st.forecastRate()));
        horizon.set(ahead > 0 ? String.format(Locale.ROOT, "forecast, %.0f s ahead", ahead) : "forecast");
        recommendation.set((st.recommendedParallelism() > 0 ? "cpu_parallelism " + st.recommendedParallelism()
                + " (now " + s.parallelism() + ")" : "no change")
                + (st.recommendedQueueCap() > 0 ? ", cpu_queue_cap " + st.recommendedQueueCap() + " (now "
                + s.queueCapacity() + ")" : ""));
        mode.set(st.mode().orElse(DisplayFormat.NONE));
        applyOn.set(st.mode().map("apply"::equals).orElse(false));
        headline.set("Autoscaler: " + st.mode().orElse("on"));
        detail.set(st.reason().orElse(""));
    }

    private static void add(ObservableList<CurvePoint> series, double t, double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        series.add(new CurvePoint(t, v));
        if (series.size() > MAX_POINTS) {
            series.remove(0, series.size() - MAX_POINTS);
        }
    }

    /** Switches the autoscaler between applying its recommendations and only recommending. */
    public void setApply(boolean on) {
        modeKey.ifPresent(k -> applier.accept(ConfigPatch.builder().set(k, on ? "apply" : "recommend").build()));
    }

    /** Whether the extension is present and readable. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** Whether the autoscaler applies its recommendations. */
    public ReadOnlyBooleanProperty applyOnProperty() {
        return applyOn.getReadOnlyProperty();
    }

    /** Whether this build can switch the autoscaler (it has the {@value #MODE_KEY} key). */
    public ReadOnlyBooleanProperty applySupportedProperty() {
        return applySupported.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** Arrivals per second observed. */
    public ReadOnlyStringProperty observedProperty() {
        return observed.getReadOnlyProperty();
    }

    /** The forecast arrival rate. */
    public ReadOnlyStringProperty forecastProperty() {
        return forecast.getReadOnlyProperty();
    }

    /** How far ahead the forecast looks, in words ("forecast, 30 s ahead"). */
    public ReadOnlyStringProperty horizonProperty() {
        return horizon.getReadOnlyProperty();
    }

    /** The recommendation, e.g. "cpu_parallelism 4 (now 2), cpu_queue_cap 220 (now 512)". */
    public ReadOnlyStringProperty recommendationProperty() {
        return recommendation.getReadOnlyProperty();
    }

    /** off, recommend or apply. */
    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** Observed arrivals per second over time. */
    public ObservableList<CurvePoint> observedSeries() {
        return observedSeries;
    }

    /** Forecast arrivals per second, plotted at the time they forecast. */
    public ObservableList<CurvePoint> forecastSeries() {
        return forecastSeries;
    }
}
