package dev.helixrouter.lab;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The warm-up view ({@code /fxml/warmup.fxml}): binds controls to a {@link WarmupViewModel} and
 * forwards the Restart command to it. It reads nothing from the engine itself.
 */
public final class WarmupController {
    private static final PseudoClass FINISHED = PseudoClass.getPseudoClass("finished");
    private static final PseudoClass NONZERO = PseudoClass.getPseudoClass("nonzero");
    private static final Duration TOOLTIP_DELAY = Duration.millis(250);
    private static final Duration TOOLTIP_SHOW = Duration.seconds(30);
    /** Must match -fx-cell-size and the header -fx-size in lab.css. */
    private static final double ROW_HEIGHT = 36;
    private static final double HEADER_HEIGHT = 34;

    @FXML private Label subtitle;
    @FXML private Label statusLabel;
    @FXML private Button restartButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private HBox counters;
    @FXML private TableView<StrategyRow> strategyTable;
    @FXML private TableColumn<StrategyRow, Strategy> strategyColumn;
    @FXML private TableColumn<StrategyRow, String> routedColumn;
    @FXML private TableColumn<StrategyRow, StrategyRow> shareColumn;
    @FXML private TableColumn<StrategyRow, String> completedColumn;
    @FXML private TableColumn<StrategyRow, String> metColumn;
    @FXML private TableColumn<StrategyRow, String> lateColumn;
    @FXML private TableColumn<StrategyRow, String> latencyColumn;
    @FXML private TableColumn<StrategyRow, String> meanColumn;
    @FXML private TableColumn<StrategyRow, String> p50Column;
    @FXML private TableColumn<StrategyRow, String> p95Column;
    @FXML private TableColumn<StrategyRow, String> p99Column;
    @FXML private TableColumn<StrategyRow, String> maxColumn;
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
    @FXML private VBox dropReasons;
    @FXML private VBox configKeys;
    @FXML private Label snapshotLabel;

    private WarmupViewModel vm;

    /** Connects the view to {@code viewModel}; call once, on the FX thread, after loading. */
    void bind(WarmupViewModel viewModel) {
        this.vm = viewModel;
        subtitle.setText(String.format(Locale.ROOT,
                "Warm-up: %,d jobs submitted at once \u00b7 seed %d \u00b7 backpressure gate: %s",
                vm.jobs(), vm.seed(), vm.config().backpressureGate().wireName()));
        statusLabel.textProperty().bind(vm.statusProperty());
        vm.runningProperty().addListener((o, was, now) -> statusLabel.pseudoClassStateChanged(
                FINISHED, !now));
        statusLabel.pseudoClassStateChanged(FINISHED, !vm.runningProperty().get());
        restartButton.setTooltip(tip("Closes this router and runs the same warm-up again on a fresh one."));
        progressBar.progressProperty().bind(vm.progressProperty());
        progressLabel.textProperty().bind(vm.progressTextProperty());

        counters.getChildren().setAll(
                card("Submitted", vm.submittedProperty(), "submitted", "Jobs handed to router.submit(job)."),
                card("Completed", vm.completedProperty(), "completed", "Jobs whose work ran to the end."),
                card("Met budget", vm.metProperty(), "met",
                        "Completed within the job's own latency budget (5\u201380 ms in this workload)."),
                card("Dropped", vm.droppedProperty(), "dropped",
                        "Refused on purpose, for a reason: see 'Dropped, by reason'."),
                card("Failed", vm.failedProperty(), "failed", "The job's work threw, or outlived a shutdown."),
                card("In flight", vm.inFlightProperty(), "in-flight",
                        "Handles not yet ended (counted on its own, not by subtraction)."));

        bindStrategyTable();
        bindKindTable();
        bindDrops();
        showConfig();
        legend.setText("Latency runs from when a job was meant to start to its end, so queue and buffer waits "
                + "count. Numbers come from the router's published snapshot (one per second, and a final one when "
                + "the run ends); the progress bar counts ended jobs live. Hover any name for what it means.");
        snapshotLabel.textProperty().bind(vm.snapshotInfoProperty());
    }

    @FXML
    private void onRestart() {
        vm.restart();
    }

    private void bindStrategyTable() {
        strategyTable.setItems(vm.strategyRows());
        strategyTable.setPlaceholder(new Label("No snapshot yet"));
        strategyColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().strategy()));
        strategyColumn.setCellFactory(c -> new StrategyCell());
        headerTip(strategyColumn, "How the router ran the job. Hover a strategy's name to learn what it does.");
        numeric(routedColumn, r -> DisplayFormat.count(r.routed()),
                "Jobs the router sent to this strategy (for drop: jobs the gate shed).");
        shareColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        shareColumn.setCellFactory(c -> new ShareCell());
        headerTip(shareColumn, "This strategy's share of all routed jobs.");
        numeric(completedColumn, r -> DisplayFormat.count(r.completed()), "Jobs that ran to completion here.");
        numeric(metColumn, r -> DisplayFormat.count(r.met()), "Completed within the job's latency budget.");
        numeric(lateColumn, r -> DisplayFormat.count(r.late()), "Completed, but past the job's latency budget.");
        numeric(meanColumn, StrategyRow::mean, "Mean latency, ms.");
        numeric(p50Column, StrategyRow::p50, "Median latency, ms: half the jobs were faster.");
        numeric(p95Column, StrategyRow::p95, "95th percentile latency, ms: 1 job in 20 was slower.");
        numeric(p99Column, StrategyRow::p99, "99th percentile latency, ms: 1 job in 100 was slower.");
        numeric(maxColumn, StrategyRow::max, "Slowest job, ms.");
        headerTip(latencyColumn, "End-to-end latency in milliseconds (3 decimals = microseconds), since the run "
                + "began. \u2014 means no job completed on this strategy.");
        fitRows(strategyTable, 2);
    }

    private void bindKindTable() {
        kindTable.setItems(vm.kindRows());
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

    /** Sizes a table to its rows exactly (header rows + one per item): no empty filler rows. */
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

    /** Header tooltip: a label graphic carrying the column's text (TableColumn has no tooltip of its own). */
    private static void headerTip(TableColumn<?, ?> column, String help) {
        Label header = new Label(column.getText());
        header.setTooltip(tip(help));
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
            name.setTooltip(tip(dropHelp(reasons[i])));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            counts[i] = new Label("0");
            counts[i].getStyleClass().add("reason-count");
            HBox row = new HBox(8, name, spacer, counts[i]);
            row.getStyleClass().add("reason-row");
            dropReasons.getChildren().add(row);
        }
        Runnable update = () -> {
            for (WarmupViewModel.DropCount d : vm.dropsByReason()) {
                Label l = counts[d.reason().ordinal()];
                l.setText(DisplayFormat.count(d.count()));
                l.pseudoClassStateChanged(NONZERO, d.count() > 0);
            }
        };
        vm.dropsByReason().addListener((ListChangeListener<WarmupViewModel.DropCount>) c -> update.run());
        update.run();
    }

    private void showConfig() {
        RouterConfig c = vm.config();
        configRow("backpressure_gate", c.backpressureGate().wireName(),
                "busy (the original): when backpressure_busy_threshold CPU workers are busy, every new job is "
                        + "batched (scaling >= 0.65) or dropped, before any other rule. deadline: admit a job to the "
                        + "CPU lane or a batch only if it is estimated to meet its budget.");
        configRow("backpressure_busy_threshold", DisplayFormat.count(c.busyThreshold()),
                "Busy CPU workers at which the busy gate trips (defaults to cpu_parallelism).");
        configRow("cpu_parallelism", DisplayFormat.count(c.cpuParallelism()),
                "Platform worker threads of the CPU lane (defaults to the number of cores).");
        configRow("cpu_queue_cap", DisplayFormat.count(c.cpuQueueCap()),
                "Bound of the CPU lane's queue; a job that finds it full is dropped (queue_full).");
        configRow("inline_threshold", DisplayFormat.count(c.inlineThreshold()),
                "Jobs costing at most this run inline, on the caller's thread.");
        configRow("spawn_threshold", DisplayFormat.count(c.spawnThreshold()),
                "Jobs costing less than this (and more than inline_threshold) are spawned on virtual threads.");
        configRow("spawn_max_in_flight", DisplayFormat.count(c.spawnMaxInFlight()),
                "Most spawned jobs running at once; beyond it a job is dropped (spawn_full).");
        configRow("batch_max_size", DisplayFormat.count(c.batchMaxSize()),
                "A batch buffer flushes when it holds this many jobs\u2026");
        configRow("batch_max_delay_ms", DisplayFormat.count(c.batchMaxDelayMs()),
                "\u2026or when its oldest job has waited this many milliseconds.");
    }

    private void configRow(String key, String value, String help) {
        Label name = new Label(key);
        name.getStyleClass().add("config-key");
        name.setTooltip(tip(key + ": " + help));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label v = new Label(value);
        v.getStyleClass().add("config-value");
        HBox row = new HBox(8, name, spacer, v);
        row.getStyleClass().add("config-row");
        configKeys.getChildren().add(row);
    }

    private static String dropHelp(DropReason r) {
        return switch (r) {
            case BACKPRESSURE -> "busy gate: the CPU lane had backpressure_busy_threshold workers busy, and the job's "
                    + "scaling was below 0.65, so it was shed before any other rule.";
            case QUEUE_FULL -> "The CPU lane's queue was at cpu_queue_cap (or a flushed batch found it full).";
            case SPAWN_FULL -> "spawn_max_in_flight virtual threads were already running.";
            case DEADLINE -> "deadline gate: the job could not finish within its budget on the lane or in a batch.";
            case PRESSURE -> "Effective pressure was at or above pressure_shed_threshold.";
            case SHUTDOWN -> "The router was closing (e.g. Restart while the run was going).";
            case CANCELLED -> "Cancelled through its handle while it waited.";
        };
    }

    private static VBox card(String caption, ReadOnlyLongProperty value, String id, String help) {
        Label number = new Label();
        number.setId("counter-" + id);
        number.getStyleClass().add("counter-value");
        number.textProperty().bind(formatted(value));
        Label label = new Label(caption);
        label.getStyleClass().add("counter-caption");
        VBox card = new VBox(2, number, label);
        card.getStyleClass().addAll("counter-card", "counter-" + id);
        HBox.setHgrow(card, Priority.ALWAYS);
        card.setMaxWidth(Double.MAX_VALUE);
        Tooltip.install(card, tip(help));
        return card;
    }

    private static ObservableValue<String> formatted(ReadOnlyLongProperty value) {
        return Bindings.createStringBinding(() -> DisplayFormat.count(value.get()), value);
    }

    static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(TOOLTIP_DELAY);
        t.setShowDuration(TOOLTIP_SHOW);
        t.setWrapText(true);
        t.setMaxWidth(520);
        return t;
    }

    /** A strategy's share of routed jobs: a bar in the strategy's colour and the percentage. */
    private static final class ShareCell extends TableCell<StrategyRow, StrategyRow> {
        private final ProgressBar bar = new ProgressBar(0);
        private final Label percent = new Label();
        private final HBox box = new HBox(8, bar, percent);

        ShareCell() {
            bar.getStyleClass().add("share-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            percent.getStyleClass().add("share-percent");
            percent.setMinWidth(50);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(StrategyRow row, boolean empty) {
            super.updateItem(row, empty);
            bar.getStyleClass().removeIf(c -> c.startsWith("share-bar-"));
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bar.setProgress(row.share());
            bar.getStyleClass().add("share-bar-" + row.name());
            percent.setText(String.format(Locale.ROOT, "%.1f %%", row.share() * 100));
            setText(null);
            setGraphic(box);
        }
    }

    /** The strategy name with its colour swatch and a tooltip that teaches what it does. */
    private static final class StrategyCell extends TableCell<StrategyRow, Strategy> {
        private final Region swatch = new Region();
        private final Label name = new Label();
        private final HBox box = new HBox(10, swatch, name);
        private Strategy shown;

        StrategyCell() {
            swatch.getStyleClass().add("swatch");
            name.getStyleClass().add("strategy-name");
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Strategy s, boolean empty) {
            super.updateItem(s, empty);
            swatch.getStyleClass().removeIf(c -> c.startsWith("swatch-"));
            if (empty || s == null) {
                shown = null;
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(s.wireName());
            swatch.getStyleClass().add("swatch-" + s.wireName());
            setGraphic(box);
            setText(null);
            if (s != shown) {
                shown = s;
                setTooltip(tip(StrategyGuide.explain(s)));
            }
        }
    }
}
