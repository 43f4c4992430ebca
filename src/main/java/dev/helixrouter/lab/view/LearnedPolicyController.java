package dev.helixrouter.lab.view;

import dev.helixrouter.lab.control.WeightHeatmap;
import dev.helixrouter.lab.model.DisplayFormat;
import dev.helixrouter.lab.model.LabViewModel;
import dev.helixrouter.lab.model.LearnedPolicyViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The learned-policy tab ({@code /fxml/learned-policy.fxml}): one {@link WeightHeatmap} per job
 * kind, ε, samples, agreement with the heuristic and the reward curve — or, while the policy is
 * off or not in this build, an empty state that says so and what to do.
 */
public final class LearnedPolicyController {
    @FXML private HBox content;
    @FXML private VBox heatmaps;
    @FXML private Label epsilonValue;
    @FXML private Label epsilonCaption;
    @FXML private Label samplesValue;
    @FXML private Label samplesCaption;
    @FXML private Label agreementValue;
    @FXML private Label agreementCaption;
    @FXML private LineChart<Number, Number> rewardChart;
    @FXML private NumberAxis rewardX;
    @FXML private VBox emptyState;
    @FXML private Label emptyTitle;
    @FXML private Label emptyDetail;
    @FXML private Button enableButton;

    private LearnedPolicyViewModel vm;
    private final List<Card> cards = new ArrayList<>();

    private record Card(VBox box, Label title, Label agreement, WeightHeatmap heatmap) {}

    void bind(LabViewModel lab) {
        this.vm = lab.learnedPolicy();
        content.visibleProperty().bind(vm.availableProperty());
        emptyState.visibleProperty().bind(vm.availableProperty().not());
        emptyTitle.textProperty().bind(vm.emptyTitleProperty());
        emptyDetail.textProperty().bind(vm.emptyDetailProperty());
        enableButton.visibleProperty().bind(vm.canEnableProperty());
        enableButton.managedProperty().bind(enableButton.visibleProperty());
        epsilonValue.textProperty().bind(vm.epsilonProperty());
        samplesValue.textProperty().bind(vm.samplesProperty());
        agreementValue.textProperty().bind(vm.agreementProperty());
        Tips.install(epsilonCaption, "ε: the share of decisions the bandit spends exploring (a random allowed "
                + "strategy, drawn from a hash of the seed and the job id). It decays to a floor.");
        Tips.install(agreementCaption, "How often the learned policy chose what the heuristic would have chosen, "
                + "averaged over the kinds. It starts near 100 % (warm start by imitation) and falls as it learns.");
        Tips.install(samplesCaption, "Job outcomes the policy has learned from.");
        XYChart.Series<Number, Number> reward = new XYChart.Series<>();
        reward.setName("reward");
        rewardChart.getData().add(reward);
        ChartSupport.bindCurve(reward, vm.rewardCurve());
        Tips.install(rewardChart, "Mean reward per job: +1 for meeting the budget, minus lateness, minus the CPU and "
                + "carrier time it took from others, clipped to [-1, 1].");
        vm.heatmaps().addListener((ListChangeListener<LearnedPolicyViewModel.KindWeights>) c -> showHeatmaps());
        showHeatmaps();
    }

    @FXML
    private void onEnable() {
        vm.enable();
    }

    /** Short column labels for the SPEC's features (full names stay in tooltips and the hover text). */
    private static final java.util.Map<String, String> SHORT = java.util.Map.ofEntries(
            java.util.Map.entry("log_cost", "cost"), java.util.Map.entry("scaling", "scale"),
            java.util.Map.entry("log_budget", "budget"), java.util.Map.entry("blocking", "block"),
            java.util.Map.entry("pressure", "press."), java.util.Map.entry("saturation", "satur."),
            java.util.Map.entry("queue_fill", "queue"), java.util.Map.entry("HashMix", "HM"),
            java.util.Map.entry("PrimeCount", "PC"), java.util.Map.entry("MonteCarloRisk", "MCR"));

    private void showHeatmaps() {
        List<LearnedPolicyViewModel.KindWeights> list = vm.heatmaps();
        if (list.isEmpty()) {
            return; // between runs: the empty state covers the cards, which stay in the scene for the next run
        }
        // One colour scale for every kind, so that their weights can be compared by eye.
        double scale = list.stream().mapToDouble(k -> k.weights().maxAbs()).max().orElse(0);
        // Cards are kept between runs (a new run starts with no heatmaps, then the same kinds):
        // making a heatmap's nodes anew, or adding them to the scene again, on every run start
        // stalled the FX thread.
        while (cards.size() < list.size()) {
            cards.add(card());
        }
        if (heatmaps.getChildren().size() != list.size()) {
            heatmaps.getChildren().setAll(cards.subList(0, list.size()).stream().map(Card::box).toList());
        }
        for (int i = 0; i < list.size(); i++) {
            LearnedPolicyViewModel.KindWeights k = list.get(i);
            Card c = cards.get(i);
            c.title().setText(k.kind());
            c.agreement().setText(Double.isFinite(k.agreement()) ? DisplayFormat.percent(k.agreement())
                    + " agreement" : "");
            c.heatmap().setScale(scale);
            c.heatmap().setData(k.weights());
        }
    }

    private static Card card() {
        Label title = new Label();
        title.getStyleClass().add("card-title");
        Label agreement = new Label();
        agreement.getStyleClass().add("muted-text");
        Label hover = new Label("Hover a cell for its exact weight");
        hover.getStyleClass().add("heatmap-readout");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(10, title, agreement, spacer, hover);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        WeightHeatmap heatmap = new WeightHeatmap();
        heatmap.setColumnLabelShortener(l -> l.length() <= 7 ? l : SHORT.getOrDefault(l, l));
        heatmap.hoverTextProperty().addListener((o, a, b) -> hover.setText(b.isEmpty()
                ? "Hover a cell for its exact weight" : b));
        VBox box = new VBox(6, head, heatmap);
        box.getStyleClass().addAll("card", "heatmap-card");
        return new Card(box, title, agreement, heatmap);
    }
}
