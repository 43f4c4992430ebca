package dev.helixrouter.lab.model;

import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.lab.control.HeatmapData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The learned-policy view's model: per-kind weight matrices for the heatmaps, the reward curve,
 * ε, samples and agreement with the heuristic — from the {@code learned_policy} extension of
 * each snapshot ({@link LearnedPolicyState}). Without it, a friendly empty state says why and,
 * when the heuristic is in force, offers to switch {@code routing_policy} to {@code learned}.
 */
public final class LearnedPolicyViewModel {
    /** Points of the reward curve kept when the lab builds it from {@code mean_reward}. */
    public static final int MAX_CURVE_POINTS = 600;

    /**
     * One kind's heatmap.
     *
     * @param kind      the job kind ("all kinds" for a shared matrix)
     * @param weights   rows: strategies, columns: features
     * @param agreement share of decisions equal to the heuristic's, 0–1; NaN if unknown
     */
    public record KindWeights(String kind, HeatmapData weights, double agreement) {}

    private final Consumer<ConfigPatch> applier;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyBooleanWrapper canEnable = new ReadOnlyBooleanWrapper(this, "canEnable");
    private final ReadOnlyStringWrapper emptyTitle = new ReadOnlyStringWrapper(this, "emptyTitle");
    private final ReadOnlyStringWrapper emptyDetail = new ReadOnlyStringWrapper(this, "emptyDetail");
    private final ReadOnlyStringWrapper epsilon = new ReadOnlyStringWrapper(this, "epsilon", DisplayFormat.NONE);
    private final ReadOnlyStringWrapper samples = new ReadOnlyStringWrapper(this, "samples", DisplayFormat.NONE);
    private final ReadOnlyStringWrapper agreement = new ReadOnlyStringWrapper(this, "agreement", DisplayFormat.NONE);
    private final ObservableList<KindWeights> heatmaps = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> rewardCurve = FXCollections.observableArrayList();
    private boolean ownCurve;

    /** A view applying config changes (the "use the learned policy" button) through {@code applier}. */
    public LearnedPolicyViewModel(Consumer<ConfigPatch> applier) {
        this.applier = Objects.requireNonNull(applier, "applier");
        clear(null);
    }

    /** Back to the empty state for a router (not) running with {@code config}. */
    public void clear(RouterConfig config) {
        available.set(false);
        heatmaps.clear();
        rewardCurve.clear();
        ownCurve = false;
        epsilon.set(DisplayFormat.NONE);
        samples.set(DisplayFormat.NONE);
        agreement.set(DisplayFormat.NONE);
        showEmpty(config, null);
    }

    /** Shows a new snapshot of a router running with {@code config}. */
    public void show(RouterSnapshot s, RouterConfig config) {
        Object ext = s.extensions().get(LearnedPolicyState.EXTENSION);
        if (ext == null) {
            available.set(false);
            showEmpty(config, null);
            return;
        }
        LearnedPolicyState st;
        try {
            st = LearnedPolicyState.from(ext);
        } catch (RuntimeException e) {
            available.set(false);
            showEmpty(config, e.getMessage());
            return;
        }
        available.set(true);
        canEnable.set(false);
        epsilon.set(Double.isFinite(st.epsilon()) ? String.format(Locale.ROOT, "%.3f", st.epsilon()) : DisplayFormat.NONE);
        samples.set(st.samples() >= 0 ? DisplayFormat.count(st.samples()) : DisplayFormat.NONE);
        List<KindWeights> next = new ArrayList<>();
        double sum = 0;
        int n = 0;
        for (Map.Entry<String, HeatmapData> e : st.weights().entrySet()) {
            double a = st.agreement().getOrDefault(e.getKey(), Double.NaN);
            next.add(new KindWeights(e.getKey(), e.getValue(), a));
        }
        for (double a : st.agreement().values()) {
            sum += a;
            n++;
        }
        agreement.set(n == 0 ? DisplayFormat.NONE : DisplayFormat.percent(sum / n));
        if (!next.equals(heatmaps)) {
            heatmaps.setAll(next); // one change: the view redraws every heatmap once, not once per kind
        }
        if (!st.rewardCurve().isEmpty()) {
            ownCurve = false;
            List<CurvePoint> pts = st.rewardCurve().stream().map(p -> new CurvePoint(p[0], p[1])).toList();
            if (!pts.equals(rewardCurve)) {
                rewardCurve.setAll(pts);
            }
        } else if (Double.isFinite(st.meanReward())) {
            if (!ownCurve) {
                rewardCurve.clear();
                ownCurve = true;
            }
            rewardCurve.add(new CurvePoint(s.uptimeNanos() / 1e9, st.meanReward()));
            if (rewardCurve.size() > MAX_CURVE_POINTS) {
                rewardCurve.remove(0, rewardCurve.size() - MAX_CURVE_POINTS);
            }
        }
    }

    private void showEmpty(RouterConfig config, String problem) {
        if (problem != null) {
            emptyTitle.set("The learned policy's state cannot be read");
            emptyDetail.set(problem);
            canEnable.set(false);
        } else if (config == null || config.routingPolicy() == PolicyKind.HEURISTIC) {
            emptyTitle.set("The learned policy is not enabled");
            emptyDetail.set("Set routing_policy = learned (in the tuning panel, or with the button below) to let a "
                    + "contextual bandit choose among the strategies the gate allows. Its weights, reward curve, "
                    + "exploration rate and agreement with the heuristic then show here, live.");
            canEnable.set(config != null);
        } else {
            emptyTitle.set("The learned policy arrives with the adaptive layer");
            emptyDetail.set("routing_policy is learned, but this build has no learned policy installed, so the "
                    + "router keeps using the heuristic rules. Once the adaptive layer is in, its weight heatmaps "
                    + "and reward curve show here.");
            canEnable.set(false);
        }
    }

    /** Switches {@code routing_policy} to {@code learned} on the config in force. */
    public void enable() {
        applier.accept(ConfigPatch.builder().set(ConfigKey.ROUTING_POLICY, PolicyKind.LEARNED).build());
    }

    /** Whether the extension is present and readable. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** Whether the empty state offers to switch to the learned policy. */
    public ReadOnlyBooleanProperty canEnableProperty() {
        return canEnable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyTitleProperty() {
        return emptyTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyDetailProperty() {
        return emptyDetail.getReadOnlyProperty();
    }

    /** ε, the exploration rate. */
    public ReadOnlyStringProperty epsilonProperty() {
        return epsilon.getReadOnlyProperty();
    }

    /** Outcomes learned from. */
    public ReadOnlyStringProperty samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** Mean agreement with the heuristic over the kinds. */
    public ReadOnlyStringProperty agreementProperty() {
        return agreement.getReadOnlyProperty();
    }

    /** One heatmap per kind. */
    public ObservableList<KindWeights> heatmaps() {
        return heatmaps;
    }

    /** The reward curve. */
    public ObservableList<CurvePoint> rewardCurve() {
        return rewardCurve;
    }
}
