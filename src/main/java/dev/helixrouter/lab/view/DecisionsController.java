package dev.helixrouter.lab.view;

import dev.helixrouter.engine.DecidedBy;
import dev.helixrouter.engine.DecisionEvent;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.lab.model.DecisionFeedViewModel;
import dev.helixrouter.lab.model.DisplayFormat;
import dev.helixrouter.lab.model.LabViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;

/**
 * The decisions tab ({@code /fxml/decisions.fxml}): the newest routing decisions with the rule
 * that fired and its numbers ({@link DecisionEvent#explain()}, built only for the rows on
 * screen), filterable by strategy, kind and decider, and a detail pane for the selected one.
 */
public final class DecisionsController {
    @FXML private ComboBox<String> strategyFilter;
    @FXML private ComboBox<String> kindFilter;
    @FXML private ComboBox<String> decidedByFilter;
    @FXML private ToggleButton freezeToggle;
    @FXML private Label countsLabel;
    @FXML private TableView<DecisionEvent> table;
    @FXML private TableColumn<DecisionEvent, String> timeColumn;
    @FXML private TableColumn<DecisionEvent, String> jobColumn;
    @FXML private TableColumn<DecisionEvent, String> kindColumn;
    @FXML private TableColumn<DecisionEvent, String> costColumn;
    @FXML private TableColumn<DecisionEvent, String> scalingColumn;
    @FXML private TableColumn<DecisionEvent, String> budgetColumn;
    @FXML private TableColumn<DecisionEvent, Strategy> strategyColumn;
    @FXML private TableColumn<DecisionEvent, String> byColumn;
    @FXML private TableColumn<DecisionEvent, String> whyColumn;
    @FXML private Label detailTitle;
    @FXML private Label detailWhy;
    @FXML private Label detailLoad;

    private DecisionFeedViewModel vm;

    void bind(LabViewModel lab) {
        this.vm = lab.decisions();
        List<String> strategies = new ArrayList<>(List.of(DecisionFeedViewModel.ANY));
        for (Strategy s : Strategy.values()) {
            strategies.add(s.wireName());
        }
        strategyFilter.getItems().setAll(strategies);
        strategyFilter.setValue(DecisionFeedViewModel.ANY);
        strategyFilter.valueProperty().addListener((o, a, b) -> vm.strategyFilterProperty().set(
                b == null || DecisionFeedViewModel.ANY.equals(b) ? null : Strategy.fromWire(b)));
        kindFilter.setItems(vm.kinds());
        kindFilter.valueProperty().bindBidirectional(vm.kindFilterProperty());
        List<String> deciders = new ArrayList<>(List.of(DecisionFeedViewModel.ANY));
        for (DecidedBy d : DecidedBy.values()) {
            deciders.add(d.wireName());
        }
        decidedByFilter.getItems().setAll(deciders);
        decidedByFilter.setValue(DecisionFeedViewModel.ANY);
        decidedByFilter.valueProperty().addListener((o, a, b) -> vm.decidedByFilterProperty().set(
                b == null || DecisionFeedViewModel.ANY.equals(b) ? null : DecidedBy.valueOf(b.toUpperCase(Locale.ROOT))));
        freezeToggle.selectedProperty().bindBidirectional(vm.frozenProperty());
        Tips.install(freezeToggle, "Hold the table still to read it (clicking a row does too); decisions are still "
                + "counted and kept. Press again to follow the feed.");
        Tips.install(decidedByFilter, "heuristic: the original's rules; learned: the bandit's greedy choice; "
                + "exploration: the bandit trying something; gate: the gate overruled or pre-empted the policy.");
        countsLabel.textProperty().bind(Bindings.createStringBinding(() -> DisplayFormat.rate(vm.rateProperty().get())
                        + " \u00b7 " + DisplayFormat.count(vm.seenProperty().get()) + " read \u00b7 "
                        + DisplayFormat.count(vm.lostProperty().get()) + " missed",
                vm.rateProperty(), vm.seenProperty(), vm.lostProperty()));
        Tips.install(countsLabel, "Decisions per second, decisions read, and decisions the router's ring of recent "
                + "decisions overwrote before the lab read them (the router never waits for a reader).");
        bindTable();
    }

    private void bindTable() {
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No decisions yet: start a run"));
        table.setFixedCellSize(28);
        text(timeColumn, e -> String.format(Locale.ROOT, "%.3f", vm.seconds(e)));
        text(jobColumn, e -> Long.toString(e.jobId()));
        text(kindColumn, DecisionEvent::kind);
        text(costColumn, e -> DisplayFormat.count(e.cost()));
        text(scalingColumn, e -> String.format(Locale.ROOT, "%.2f", e.scaling()));
        text(budgetColumn, e -> e.budgetMs() + " ms");
        strategyColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().strategy()));
        strategyColumn.setCellFactory(c -> new StrategiesController.StrategyCell<>());
        text(byColumn, e -> e.decidedBy().wireName());
        text(whyColumn, DecisionEvent::explain);
        whyColumn.setCellFactory(c -> {
            javafx.scene.control.Tooltip tip = Tips.tip("");
            TableCell<DecisionEvent, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String s, boolean empty) {
                    super.updateItem(s, empty);
                    setText(empty ? null : s);
                    tip.setText(s == null ? "" : s);
                    setTooltip(empty || s == null ? null : tip);
                }
            };
            cell.getStyleClass().add("why-cell");
            return cell;
        });
        StrategiesController.headerTip(timeColumn, "When the router decided, seconds since it started.");
        StrategiesController.headerTip(costColumn, "compute_cost: the job's declared cost.");
        StrategiesController.headerTip(scalingColumn, "scaling_potential, 0 to 1: how well it batches or parallelises.");
        StrategiesController.headerTip(budgetColumn, "latency_budget_ms: how long the caller can wait.");
        StrategiesController.headerTip(whyColumn, "The rule that fired, with the numbers it compared.");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> showDetail(e));
        // Reading a decision needs it to stay put: clicking a row freezes the feed (Freeze resumes it).
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<DecisionEvent> row = new javafx.scene.control.TableRow<>();
            row.setOnMousePressed(e -> {
                if (!row.isEmpty()) {
                    vm.frozenProperty().set(true);
                }
            });
            return row;
        });
    }

    private static <T> void text(TableColumn<DecisionEvent, T> column, Function<DecisionEvent, T> f) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.apply(c.getValue())));
    }

    private void showDetail(DecisionEvent e) {
        if (e == null) {
            detailTitle.setText("Select a decision to read it in full");
            detailWhy.setText("");
            detailLoad.setText("");
            return;
        }
        detailTitle.setText(String.format(Locale.ROOT, "Job %d (%s) \u2192 %s, decided by %s", e.jobId(), e.kind(),
                e.strategy().wireName(), e.decidedBy().wireName()));
        detailWhy.setText(e.explain());
        detailLoad.setText(String.format(Locale.ROOT, "At that moment: cpu_busy %d of %d \u00b7 queue %d \u00b7 "
                        + "pressure %.2f \u00b7 gate %s \u00b7 inline_threshold %,d \u00b7 spawn_threshold %,d \u00b7 "
                        + "budget left %.1f ms \u00b7 blocking %s", e.cpuBusy(), e.parallelism(), e.queueDepth(),
                e.pressure(), e.gate().wireName(), e.inlineThreshold(), e.spawnThreshold(), e.budgetLeftNanos() / 1e6,
                e.blocking()));
    }
}
