package dev.helixrouter.lab.view;

import dev.helixrouter.engine.Strategy;
import dev.helixrouter.lab.control.DonutChart;
import dev.helixrouter.lab.control.PressureGauge;
import dev.helixrouter.lab.model.DisplayFormat;
import dev.helixrouter.lab.model.HistoryPoint;
import dev.helixrouter.lab.model.LabViewModel;
import dev.helixrouter.lab.model.OverviewViewModel;
import dev.helixrouter.lab.model.StrategyGuide;
import dev.helixrouter.lab.model.StrategyShare;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The overview ({@code /fxml/overview.fxml}): counter cards, the strategy donut with its legend,
 * the pressure gauge with an upstream-pressure slider, the CPU lane, and two bounded time
 * series (jobs per second; latency percentiles on a logarithmic axis). Binds to
 * {@link OverviewViewModel}; the charts follow its history list incrementally.
 */
public final class OverviewController {
    private static final String P95_BY_STRATEGY = "p95 by strategy";

    @FXML private VBox root;
    @FXML private HBox counters;
    @FXML private DonutChart donut;
    @FXML private VBox legend;
    @FXML private PressureGauge gauge;
    @FXML private Label upstreamLabel;
    @FXML private Slider upstreamSlider;
    @FXML private Label upstreamValue;
    @FXML private GridPane laneGrid;
    @FXML private Label ratesNow;
    @FXML private LineChart<Number, Number> ratesChart;
    @FXML private NumberAxis ratesX;
    @FXML private LineChart<Number, Number> latencyChart;
    @FXML private NumberAxis latencyX;
    @FXML private NumberAxis latencyY;
    @FXML private ComboBox<String> latencyMode;

    private OverviewViewModel vm;
    private final Map<Strategy, Label[]> legendRows = new EnumMap<>(Strategy.class);
    private final List<Series> rateSeries = new ArrayList<>();
    private final List<Series> latencySeries = new ArrayList<>();

    /** A chart series and how to read its y from a history point. */
    private record Series(XYChart.Series<Number, Number> series, ToDoubleFunction<HistoryPoint> y) {}

    void bind(LabViewModel lab) {
        this.vm = lab.overview();
        counters.getChildren().setAll(
                card("Submitted", vm.submittedProperty(), "submitted", "Jobs handed to router.submit(job) so far."),
                card("Completed", vm.completedProperty(), "completed", "Jobs whose work ran to the end."),
                card("Met budget", vm.metProperty(), "met", "Completed within the job's own latency budget."),
                card("Dropped", vm.droppedProperty(), "dropped", "Refused on purpose, for a reason: see the Latency "
                        + "tab's 'Dropped, by reason'."),
                card("Failed", vm.failedProperty(), "failed", "The job's work threw, or outlived a shutdown."),
                card("In flight", vm.inFlightProperty(), "in-flight", "Handles not yet ended (counted on its own, "
                        + "not by subtraction)."));
        bindDonut();
        bindGauge(lab);
        bindLane();
        bindRates();
        bindLatency();
        vm.history().addListener((ListChangeListener<HistoryPoint>) c -> syncCharts());
    }

    private VBox card(String caption, ReadOnlyLongProperty value, String id, String help) {
        Label number = new Label();
        number.setId("counter-" + id);
        number.getStyleClass().add("counter-value");
        number.textProperty().bind(formatted(value));
        Label label = new Label(caption);
        label.getStyleClass().add("counter-caption");
        VBox card = new VBox(0, number, label);
        card.getStyleClass().addAll("counter-card", "counter-" + id);
        HBox.setHgrow(card, Priority.ALWAYS);
        card.setMaxWidth(Double.MAX_VALUE);
        Tips.install(card, help);
        return card;
    }

    private static ObservableValue<String> formatted(ReadOnlyLongProperty value) {
        return Bindings.createStringBinding(() -> DisplayFormat.count(value.get()), value);
    }

    private void bindDonut() {
        donut.setId("donut");
        for (Strategy s : Strategy.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", "swatch-" + s.wireName());
            Label name = new Label(s.wireName());
            name.getStyleClass().add("legend-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label pct = new Label();
            pct.getStyleClass().add("legend-percent");
            Label count = new Label();
            count.getStyleClass().add("legend-count");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(8, swatch, name, spacer, pct, count);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            row.getStyleClass().add("legend-row");
            row.setId("legend-" + s.wireName());
            Tips.install(row, StrategyGuide.explain(s));
            legend.getChildren().add(row);
            legendRows.put(s, new Label[] {pct, count});
        }
        Label caption = new Label();
        caption.getStyleClass().add("legend-caption");
        caption.textProperty().bind(vm.sharesCaptionProperty());
        caption.setWrapText(true);
        legend.getChildren().add(caption);
        vm.shares().addListener((ListChangeListener<StrategyShare>) c -> showShares());
        donut.captionProperty().set("jobs routed");
        showShares();
    }

    private void showShares() {
        List<DonutChart.Slice> slices = new ArrayList<>();
        long total = 0;
        for (StrategyShare s : vm.shares()) {
            total += s.routed();
            slices.add(new DonutChart.Slice(s.strategy().wireName(), s.routed(), "donut-" + s.strategy().wireName(),
                    s.strategy().wireName() + ": " + DisplayFormat.percent(s.share()) + " of the jobs routed ("
                            + DisplayFormat.count(s.routed()) + ")\n\n" + StrategyGuide.explain(s.strategy())));
            Label[] l = legendRows.get(s.strategy());
            l[0].setText(DisplayFormat.percent(s.share()));
            l[1].setText(DisplayFormat.count(s.routed()));
        }
        donut.getSlices().setAll(slices);
        donut.centerTextProperty().set(DisplayFormat.compact(total));
    }

    private void bindGauge(LabViewModel lab) {
        gauge.setId("gauge");
        gauge.valueProperty().bind(vm.pressureProperty());
        gauge.externalValueProperty().bind(vm.externalPressureProperty());
        gauge.redFromProperty().bind(vm.shedThresholdProperty());
        gauge.amberFromProperty().bind(vm.shedThresholdProperty().multiply(0.6));
        Tips.install(gauge, "Effective pressure = max(internal score, upstream pressure), 0 to 1. Green is calm; "
                + "at the red zone (pressure_shed_threshold) the router sheds jobs bound for the CPU lane or a "
                + "batch (dropped: pressure). The small triangle marks pressure injected from upstream.");
        upstreamSlider.valueProperty().bindBidirectional(lab.injectedPressureProperty());
        upstreamValue.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.2f",
                lab.injectedPressureProperty().get()), lab.injectedPressureProperty()));
        String help = "Play the upstream system: report this pressure to the running router (as POST "
                + "/api/telemetry would), renewed every 100 ms with a 1 s TTL. Push it past the red line and watch "
                + "the router shed.";
        Tips.install(upstreamSlider, help);
        Tips.install(upstreamLabel, help);
    }

    private void bindLane() {
        laneRow(0, "CPU busy", vm.cpuBusyProperty(), vm.parallelismProperty(), "Lane workers executing a task, of "
                + "cpu_parallelism.");
        laneRow(1, "Queue", vm.queueDepthProperty(), vm.queueCapacityProperty(), "Jobs and batches waiting for a "
                + "worker, of cpu_queue_cap. A full queue drops new jobs as queue_full.");
        laneRow(2, "Spawned", vm.spawnedProperty(), vm.spawnMaxProperty(), "Jobs running on their own virtual "
                + "thread, of spawn_max_in_flight; beyond it: spawn_full.");
        textRow(3, "In batches", Bindings.createStringBinding(() -> DisplayFormat.count(vm.batchWaitingProperty()
                .get()) + " waiting", vm.batchWaitingProperty()), "Jobs waiting in the per-kind batch buffers.");
        textRow(4, "Spawn threshold", Bindings.createStringBinding(() -> DisplayFormat.count(
                vm.spawnThresholdProperty().get()), vm.spawnThresholdProperty()), "The spawn threshold in force: the "
                + "configured one, or the adaptive layer's.");
        textRow(5, "Throughput", Bindings.createStringBinding(() -> DisplayFormat.rate(vm.throughputProperty().get()),
                vm.throughputProperty()), "Completions per second over the last metrics interval.");
        textRow(6, "Goodput", Bindings.createStringBinding(() -> DisplayFormat.rate(vm.goodputProperty().get()),
                vm.goodputProperty()), "Completions within budget per second: the number that matters.");
        textRow(7, "Drops", Bindings.createStringBinding(() -> DisplayFormat.rate(vm.dropRateProperty().get()),
                vm.dropRateProperty()), "Drops per second over the last interval, all reasons.");
    }

    private void laneRow(int row, String name, javafx.beans.value.ObservableNumberValue value,
                         javafx.beans.value.ObservableNumberValue max, String help) {
        Label l = new Label(name);
        l.getStyleClass().add("lane-name");
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("lane-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> max.doubleValue() > 0
                ? Math.min(1, value.doubleValue() / max.doubleValue()) : 0, value, max));
        Label v = new Label();
        v.getStyleClass().add("lane-value");
        v.textProperty().bind(Bindings.createStringBinding(() -> DisplayFormat.count(value.longValue()) + " / "
                + DisplayFormat.count(max.longValue()), value, max));
        Tips.install(l, help);
        Tips.install(bar, help);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        v.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        laneGrid.addRow(row, l, bar, v);
    }

    private void textRow(int row, String name, ObservableValue<String> value, String help) {
        Label l = new Label(name);
        l.getStyleClass().add("lane-name");
        Label v = new Label();
        v.getStyleClass().add("lane-value");
        v.textProperty().bind(value);
        Tips.install(l, help);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        laneGrid.add(l, 0, row);
        laneGrid.add(v, 1, row, 2, 1);
    }

    private void bindRates() {
        ratesChart.setId("ratesChart");
        rateSeries.add(series(ratesChart, "arrivals", HistoryPoint::arrivals));
        rateSeries.add(series(ratesChart, "throughput", HistoryPoint::throughput));
        rateSeries.add(series(ratesChart, "goodput", HistoryPoint::goodput));
        rateSeries.add(series(ratesChart, "drops", HistoryPoint::dropRate));
        ratesNow.textProperty().bind(Bindings.createStringBinding(() -> "goodput "
                + DisplayFormat.rate(vm.goodputProperty().get()), vm.goodputProperty()));
        ChartSupport.followTime(ratesX, 0, 0);
    }

    private static Series series(LineChart<Number, Number> chart, String name, ToDoubleFunction<HistoryPoint> y) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        chart.getData().add(s);
        return new Series(s, y);
    }

    private void bindLatency() {
        latencyChart.setId("latencyChart");
        ChartSupport.logLatencyAxis(latencyY);
        latencyMode.getItems().add(P95_BY_STRATEGY);
        for (Strategy s : List.of(Strategy.INLINE, Strategy.SPAWN, Strategy.CPU_POOL, Strategy.BATCH)) {
            latencyMode.getItems().add(s.wireName() + " p50 / p95 / p99");
        }
        latencyMode.setValue(P95_BY_STRATEGY);
        latencyMode.valueProperty().addListener((o, a, b) -> rebuildLatencySeries());
        Tips.install(latencyMode, "Latency of the jobs completed in each metrics interval, from the intended start "
                + "to the end, on a logarithmic axis (inline work takes microseconds, queued work can take seconds).");
        ChartSupport.followTime(latencyX, 0, 0);
        rebuildLatencySeries();
    }

    private void rebuildLatencySeries() {
        latencyChart.getData().clear();
        latencySeries.clear();
        String mode = latencyMode.getValue();
        if (P95_BY_STRATEGY.equals(mode)) {
            for (Strategy s : List.of(Strategy.INLINE, Strategy.SPAWN, Strategy.CPU_POOL, Strategy.BATCH)) {
                latencySeries.add(series(latencyChart, s.wireName(), p -> log(p, s, 1)));
            }
            latencyChart.getStyleClass().remove("percentile-mode");
        } else {
            Strategy s = Strategy.fromWire(mode.substring(0, mode.indexOf(' ')));
            latencySeries.add(series(latencyChart, "p50", p -> log(p, s, 0)));
            latencySeries.add(series(latencyChart, "p95", p -> log(p, s, 1)));
            latencySeries.add(series(latencyChart, "p99", p -> log(p, s, 2)));
            if (!latencyChart.getStyleClass().contains("percentile-mode")) {
                latencyChart.getStyleClass().add("percentile-mode");
            }
        }
        syncCharts();
    }

    private static double log(HistoryPoint p, Strategy s, int which) {
        HistoryPoint.Percentiles q = p.latency().get(s);
        if (q == null) {
            return Double.NaN;
        }
        return ChartSupport.logMs(which == 0 ? q.p50() : which == 1 ? q.p95() : q.p99());
    }

    private void syncCharts() {
        List<HistoryPoint> h = vm.history();
        for (Series s : rateSeries) {
            ChartSupport.sync(s.series(), h, HistoryPoint::timeSecs, s.y());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : latencySeries) {
            ChartSupport.sync(s.series(), h, HistoryPoint::timeSecs, s.y());
            for (XYChart.Data<Number, Number> d : s.series().getData()) {
                min = Math.min(min, d.getYValue().doubleValue());
                max = Math.max(max, d.getYValue().doubleValue());
            }
        }
        ChartSupport.fitLog(latencyY, min, max);
        double first = h.isEmpty() ? 0 : h.getFirst().timeSecs();
        double last = h.isEmpty() ? 0 : h.getLast().timeSecs();
        ChartSupport.followTime(ratesX, first, last);
        ChartSupport.followTime(latencyX, first, last);
    }

    /** The dashboard's root node (for the PNG export). */
    VBox root() {
        return root;
    }
}
