package dev.helixrouter.lab.view;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.lab.model.DisplayFormat;
import dev.helixrouter.lab.model.KindRow;
import dev.helixrouter.lab.model.LabViewModel;
import dev.helixrouter.lab.model.StrategyGuide;
import dev.helixrouter.lab.model.StrategyRow;
import dev.helixrouter.lab.model.StrategyTableViewModel;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The latency tab ({@code /fxml/strategies.fxml}): per-strategy and per-kind tables since the run
 * began, in milliseconds with three decimals throughout, and drops by reason. Every strategy,
 * column and reason carries a tooltip that says what it means.
 */
public final class StrategiesController {
    private static final PseudoClass NONZERO = PseudoClass.getPseudoClass("nonzero");
    /** Must match -fx-cell-size and the header size in lab.css. */
    private static final double ROW_HEIGHT = 32;
    private static final double HEADER_HEIGHT = 30;

    @FXML private TableView<StrategyRow> strategyTable;
    @FXML private TableColumn<StrategyRow, Strategy> strategyColumn;
    @FXML private TableColumn<StrategyRow, String> routedColumn;
    @FXML private TableColumn<StrategyRow, String> completedColumn;
    @FXML private TableColumn<StrategyRow, String> metColumn;
    @FXML private TableColumn<StrategyRow, String> lateColumn;
    @FXML private TableColumn<StrategyRow, String> latencyColumn;
    @FXML private TableColumn<StrategyRow, String> meanColumn;
    @FXML private TableColumn<StrategyRow, String> p50Column;
    @FXML private TableColumn<StrategyRow, String> p95Column;
    @FXML private TableColumn<StrategyRow, String> p99Column;
    @FXML private TableColumn<StrategyRow, String> maxColumn;
    @FXML private TableColumn<StrategyRow, String> emaColumn;
    @FXML private TableView<KindRow> kindTable;
    @FXML private TableColumn<KindRow, String> kindColumn;
    @FXML private TableColumn<KindRow, String> kindRoutedColumn;
    @FXML private TableColumn<KindRow, String> kindCompletedColumn;
    @FXML private TableColumn<KindRow, String> kindMetColumn;
    @FXML private TableColumn<KindRow, String> kindLateColumn;
    @FXML private TableColumn<KindRow, String> kindDroppedColumn;
    @FXML private TableColumn<KindRow, String> kindFailedColumn;
    @FXML private TableColumn<KindRow, String> kindP50Column;
    @FXML private TableColumn<KindRow, String> kindP95Column;
    @FXML private TableColumn<KindRow, String> kindMaxColumn;
    @FXML private Label legend;
    @FXML private javafx.scene.layout.FlowPane dropReasons;

    private StrategyTableViewModel vm;

    void bind(LabViewModel lab) {
        this.vm = lab.tables();
        bindStrategyTable();
        bindKindTable();
        bindDrops();
        legend.setText("Latency runs from when a job was meant to start to its end, so queue and buffer waits "
                + "count; milliseconds with three decimals (microseconds) everywhere. EMA: moving average of the "
                + "interval means (ema_alpha). Numbers come from the router's published snapshot, once per metrics "
                + "interval. Hover any name for what it means.");
    }

    private void bindStrategyTable() {
        strategyTable.setItems(vm.rows());
        strategyTable.setPlaceholder(new Label("No run yet"));
        strategyColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().strategy()));
        strategyColumn.setCellFactory(c -> new StrategyCell<>());
        headerTip(strategyColumn, "How the router ran the job. Hover a strategy's name to learn what it does.");
        numeric(routedColumn, r -> DisplayFormat.count(r.routed()),
                "Jobs the router sent to this strategy (for drop: jobs the gate or policy shed).");
        numeric(completedColumn, r -> DisplayFormat.count(r.completed()), "Jobs that ran to completion here.");
        numeric(metColumn, r -> DisplayFormat.count(r.met()), "Completed within the job's latency budget.");
        numeric(lateColumn, r -> DisplayFormat.count(r.late()), "Completed, but past the job's latency budget.");
        numeric(meanColumn, StrategyRow::mean, "Mean latency, ms.");
        numeric(p50Column, StrategyRow::p50, "Median latency, ms: half the jobs were faster.");
        numeric(p95Column, StrategyRow::p95, "95th percentile latency, ms: 1 job in 20 was slower.");
        numeric(p99Column, StrategyRow::p99, "99th percentile latency, ms: 1 job in 100 was slower.");
        numeric(maxColumn, StrategyRow::max, "Slowest job, ms.");
        numeric(emaColumn, StrategyRow::ema, "Exponential moving average of the interval means, ms (ema_alpha).");
        headerTip(latencyColumn, "End-to-end latency in milliseconds since the run began. \u2014 means no job "
                + "completed on this strategy.");
        fitRows(strategyTable, 2);
    }

    private void bindKindTable() {
        kindTable.setItems(vm.kinds());
        kindTable.setPlaceholder(new Label("No job has been submitted yet"));
        kindColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().kind()));
        headerTip(kindColumn, "The kind of work: HashMix (hash mixing), PrimeCount (a sieve), MonteCarloRisk "
                + "(value at risk by simulation). Cost and budget vary per job.");
        numeric(kindRoutedColumn, r -> DisplayFormat.count(r.routed()), "Jobs of this kind submitted.");
        numeric(kindCompletedColumn, r -> DisplayFormat.count(r.completed()), "Jobs of this kind completed.");
        numeric(kindMetColumn, r -> DisplayFormat.count(r.met()), "Completed within budget.");
        numeric(kindLateColumn, r -> DisplayFormat.count(r.late()), "Completed past budget.");
        numeric(kindDroppedColumn, r -> DisplayFormat.count(r.dropped()), "Dropped, for any reason.");
        numeric(kindFailedColumn, r -> DisplayFormat.count(r.failed()), "Failed: the work threw or outlived shutdown.");
        numeric(kindP50Column, KindRow::p50, "Median latency of this kind's completed jobs, ms.");
        numeric(kindP95Column, KindRow::p95, "95th percentile latency, ms.");
        numeric(kindMaxColumn, KindRow::max, "Slowest job of this kind, ms.");
        fitRows(kindTable, 1);
    }

    /** Sizes a table to its rows exactly: no empty filler rows. */
    private static void fitRows(TableView<?> table, int headerRows) {
        table.setFixedCellSize(ROW_HEIGHT);
        var height = Bindings.max(1, Bindings.size(table.getItems())).multiply(ROW_HEIGHT)
                .add(HEADER_HEIGHT * headerRows + 4);
        table.prefHeightProperty().bind(height);
        table.minHeightProperty().bind(height);
        table.maxHeightProperty().bind(height);
    }

    private static <R> void numeric(TableColumn<R, String> column, Function<R, String> value, String help) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        headerTip(column, help);
    }

    /** A header tooltip: a label graphic carrying the column's text (a column has no tooltip of its own). */
    static void headerTip(TableColumn<?, ?> column, String help) {
        Label header = new Label(column.getText());
        header.setTooltip(Tips.tip(help));
        header.getStyleClass().add("column-header-label");
        column.setText(null);
        column.setGraphic(header);
    }

    private void bindDrops() {
        DropReason[] reasons = DropReason.values();
        Label[] counts = new Label[reasons.length];
        for (int i = 0; i < reasons.length; i++) {
            Label name = new Label(reasons[i].wireName());
            name.getStyleClass().add("reason-name");
            name.setTooltip(Tips.tip(dropHelp(reasons[i])));
            counts[i] = new Label("0");
            counts[i].getStyleClass().add("reason-count");
            HBox chip = new HBox(8, name, counts[i]);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("reason-chip");
            Tips.install(chip, dropHelp(reasons[i]));
            dropReasons.getChildren().add(chip);
        }
        Runnable update = () -> {
            for (StrategyTableViewModel.DropCount d : vm.drops()) {
                Label l = counts[d.reason().ordinal()];
                l.setText(DisplayFormat.count(d.count()));
                l.pseudoClassStateChanged(NONZERO, d.count() > 0);
            }
        };
        vm.drops().addListener((ListChangeListener<StrategyTableViewModel.DropCount>) c -> update.run());
        update.run();
    }

    static String dropHelp(DropReason r) {
        return switch (r) {
            case BACKPRESSURE -> "busy gate: the CPU lane had backpressure_busy_threshold workers busy, and the job's "
                    + "scaling was below 0.65, so it was shed before any other rule.";
            case QUEUE_FULL -> "The CPU lane's queue was at cpu_queue_cap (or a flushed batch found it full).";
            case SPAWN_FULL -> "spawn_max_in_flight virtual threads were already running.";
            case DEADLINE -> "deadline gate: the job could not finish within its budget on the lane or in a batch.";
            case PRESSURE -> "Effective pressure was at or above pressure_shed_threshold.";
            case SHUTDOWN -> "The router was closing (Reset or a new Start while jobs were queued).";
            case CANCELLED -> "Cancelled through its handle while it waited.";
        };
    }

    /** The strategy name with its colour swatch and a tooltip that teaches what it does. */
    static final class StrategyCell<R> extends TableCell<R, Strategy> {
        private final Region swatch = new Region();
        private final Label name = new Label();
        private final HBox box = new HBox(8, swatch, name);
        private final java.util.Map<Strategy, javafx.scene.control.Tooltip> tips = new java.util.EnumMap<>(Strategy.class);
        private Strategy shown;

        StrategyCell() {
            swatch.getStyleClass().add("swatch");
            name.getStyleClass().add("strategy-name");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Strategy s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                shown = null;
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setGraphic(box);
            setText(null);
            if (s != shown) {
                // Only when the strategy changes: the decision feed refreshes these cells 10 times a
                // second, and a new Tooltip (a window with its own scene) or style class each time is costly.
                shown = s;
                name.setText(s.wireName());
                swatch.getStyleClass().removeIf(c -> c.startsWith("swatch-"));
                swatch.getStyleClass().add("swatch-" + s.wireName());
                setTooltip(tips.computeIfAbsent(s, k -> Tips.tip(StrategyGuide.explain(k))));
            }
        }
    }
}
