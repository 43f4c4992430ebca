package dev.helixrouter.lab.view;

import dev.helixrouter.lab.model.AutoscalerViewModel;
import dev.helixrouter.lab.model.LabViewModel;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;

/**
 * The autoscaler tab ({@code /fxml/autoscaler.fxml}): observed vs forecast arrival rate, the
 * recommendation and the apply switch. Until the adaptive layer is in, it plots the observed
 * arrivals and explains what is coming.
 */
public final class AutoscalerController {
    @FXML private Label headline;
    @FXML private Label detail;
    @FXML private Label observedValue;
    @FXML private Label forecastValue;
    @FXML private Label horizonCaption;
    @FXML private Label recommendationValue;
    @FXML private Label modeValue;
    @FXML private StackPane applyHolder;
    @FXML private ToggleButton applySwitch;
    @FXML private LineChart<Number, Number> chart;
    @FXML private NumberAxis chartX;

    private AutoscalerViewModel vm;
    private boolean syncing;

    void bind(LabViewModel lab) {
        this.vm = lab.autoscaler();
        headline.textProperty().bind(vm.headlineProperty());
        detail.textProperty().bind(vm.detailProperty());
        observedValue.textProperty().bind(vm.observedProperty());
        forecastValue.textProperty().bind(vm.forecastProperty());
        horizonCaption.textProperty().bind(vm.horizonProperty());
        recommendationValue.textProperty().bind(vm.recommendationProperty());
        modeValue.textProperty().bind(vm.modeProperty().map(m -> "mode: " + m));
        applySwitch.disableProperty().bind(vm.applySupportedProperty().not().or(vm.availableProperty().not()));
        applySwitch.setSelected(vm.applyOnProperty().get());
        vm.applyOnProperty().addListener((o, a, b) -> {
            syncing = true;
            applySwitch.setSelected(b);
            syncing = false;
        });
        applySwitch.selectedProperty().addListener((o, a, b) -> {
            applySwitch.setText(b ? "Apply: on" : "Apply: off");
            if (!syncing) {
                vm.setApply(b);
            }
        });
        Tips.install(applyHolder, vm.applySupportedProperty().get()
                ? "On: the autoscaler resizes the CPU lane itself (through the versioned config, so the tuning "
                + "panel sees it). Off: it only recommends."
                : "The apply switch arrives with the adaptive layer (config key " + AutoscalerViewModel.MODE_KEY + ").");
        XYChart.Series<Number, Number> observed = new XYChart.Series<>();
        observed.setName("observed");
        XYChart.Series<Number, Number> forecast = new XYChart.Series<>();
        forecast.setName("forecast");
        chart.getData().add(observed);
        chart.getData().add(forecast);
        ChartSupport.bindCurve(observed, vm.observedSeries());
        ChartSupport.bindCurve(forecast, vm.forecastSeries());
        Runnable range = () -> {
            double first = Double.POSITIVE_INFINITY;
            double last = 0;
            for (var s : java.util.List.of(vm.observedSeries(), vm.forecastSeries())) {
                if (!s.isEmpty()) {
                    first = Math.min(first, s.getFirst().x());
                    last = Math.max(last, s.getLast().x());
                }
            }
            ChartSupport.followTime(chartX, Double.isFinite(first) ? first : 0, last);
        };
        vm.observedSeries().addListener((javafx.collections.ListChangeListener<Object>) c -> range.run());
        vm.forecastSeries().addListener((javafx.collections.ListChangeListener<Object>) c -> range.run());
        range.run();
    }
}
