package dev.helixrouter.lab.view;

import dev.helixrouter.lab.model.DisplayFormat;
import dev.helixrouter.lab.model.LabViewModel;
import dev.helixrouter.lab.model.RunState;
import dev.helixrouter.lab.run.Pace;
import dev.helixrouter.lab.run.TimeMode;
import dev.helixrouter.workload.ScenarioCatalog;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The toolbar ({@code /fxml/toolbar.fxml}): scenario picker, time mode, seed, load, the run's
 * commands, its progress and the exports. Binds to {@link LabViewModel}; reads nothing from the
 * engine.
 */
public final class ToolbarController {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    @FXML private ComboBox<ScenarioCatalog.Entry> scenarioPicker;
    @FXML private Label description;
    @FXML private Label stateChip;
    @FXML private Button startButton;
    @FXML private Button pauseButton;
    @FXML private Button stopButton;
    @FXML private Button resetButton;
    @FXML private MenuButton exportMenu;
    @FXML private MenuItem exportReportItem;
    @FXML private MenuItem exportCsvItem;
    @FXML private ToggleButton liveToggle;
    @FXML private ToggleButton virtualToggle;
    @FXML private StackPane virtualHolder;
    @FXML private StackPane coresHolder;
    @FXML private Spinner<Integer> coresSpinner;
    @FXML private StackPane paceHolder;
    @FXML private ComboBox<Pace> paceBox;
    @FXML private TextField seedField;
    @FXML private Spinner<Double> loadSpinner;
    @FXML private CheckBox loopBox;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label elapsedLabel;

    private LabViewModel vm;
    private Consumer<Path> pngExporter;
    private boolean selecting;

    /** Connects the toolbar; {@code pngExporter} writes the dashboard picture to a chosen file. */
    void bind(LabViewModel viewModel, Consumer<Path> pngExporter) {
        this.vm = viewModel;
        this.pngExporter = pngExporter;
        bindPicker();
        bindTimeMode();
        seedField.textProperty().bindBidirectional(vm.settings().seedTextProperty());
        seedField.textProperty().addListener((o, a, b) -> seedField.pseudoClassStateChanged(INVALID, !b.strip()
                .matches("-?\\d{1,19}")));
        Tips.install(seedField, "Seed of the job generator and the arrival times: the same seed gives the same "
                + "jobs at the same offsets. The scenario's own seed until you change it.");
        SpinnerValueFactory.DoubleSpinnerValueFactory load = new SpinnerValueFactory.DoubleSpinnerValueFactory(0.05,
                LabViewModel.MAX_LOAD, vm.settings().loadProperty().get(), 0.1);
        load.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : DisplayFormat.decimal(Math.round(d * 100) / 100.0);
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    return vm.settings().loadProperty().get();
                }
            }
        });
        loadSpinner.setValueFactory(load);
        load.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.settings().loadProperty().set(b);
            }
        });
        vm.settings().loadProperty().addListener((o, a, b) -> load.setValue(b.doubleValue()));
        Tips.install(loadSpinner, "Multiplies every arrival rate of the scenario. Rates are written as multiples of "
                + "this machine's capacity \u03bb* (cores \u00f7 mean service time), so \u00d72 on a 0.7 scenario "
                + "means 1.4\u00d7 what the machine can serve. No effect on all-at-once scenarios.");
        loopBox.selectedProperty().bindBidirectional(vm.settings().loopProperty());
        Tips.install(loopBox, "Start the run again, with the same settings and the tuned config, each time it "
                + "finishes (Stop ends the loop).");
        for (var node : new javafx.scene.Node[] {scenarioPicker, liveToggle, virtualHolder, coresHolder, seedField,
                loadSpinner}) {
            node.disableProperty().bind(vm.status().settingsEditableProperty().not());
        }
        bindCommands();
        progressBar.progressProperty().bind(vm.status().progressProperty());
        progressLabel.textProperty().bind(vm.status().progressTextProperty());
        elapsedLabel.textProperty().bind(vm.status().elapsedProperty());
        Tips.install(elapsedLabel, "Run time, paused time excluded; simulated time in a virtual run.");
        Tips.install(progressBar, "Jobs whose handles have ended, of the jobs the run plans to submit.");
    }

    private void bindPicker() {
        scenarioPicker.setItems(vm.picker().entries());
        scenarioPicker.setCellFactory(l -> new ScenarioCell(true));
        scenarioPicker.setButtonCell(new ScenarioCell(false));
        scenarioPicker.setVisibleRowCount(12);
        scenarioPicker.setOnShowing(e -> {
            selecting = true;
            try {
                vm.picker().refresh();
                scenarioPicker.setValue(vm.picker().selectedProperty().get());
            } finally {
                selecting = false;
            }
        });
        vm.picker().selectedProperty().addListener((o, a, b) -> {
            selecting = true;
            try {
                scenarioPicker.setValue(b);
            } finally {
                selecting = false;
            }
        });
        scenarioPicker.valueProperty().addListener((o, was, now) -> {
            if (selecting || now == null || now == vm.picker().selectedProperty().get()) {
                return;
            }
            if (!vm.select(now)) {
                javafx.application.Platform.runLater(() -> {
                    selecting = true;
                    try {
                        scenarioPicker.setValue(vm.picker().selectedProperty().get());
                    } finally {
                        selecting = false;
                    }
                });
            }
        });
        scenarioPicker.setValue(vm.picker().selectedProperty().get());
        description.textProperty().bind(vm.picker().descriptionProperty());
        description.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> Tips.tip(vm.picker().descriptionProperty().get()), vm.picker().descriptionProperty()));
        Tips.install(scenarioPicker, "The scenario: which jobs, when they arrive, for how long, and the router config "
                + "it starts from. Shipped presets and yours (~/.helixrouter/presets); a preset that cannot be read is "
                + "listed with the reason.");
    }

    private void bindTimeMode() {
        ToggleGroup group = new ToggleGroup();
        liveToggle.setToggleGroup(group);
        virtualToggle.setToggleGroup(group);
        liveToggle.setSelected(vm.settings().timeModeProperty().get() == TimeMode.LIVE);
        virtualToggle.setSelected(vm.settings().timeModeProperty().get() == TimeMode.VIRTUAL);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one mode is always chosen
            } else {
                vm.settings().timeModeProperty().set(now == virtualToggle ? TimeMode.VIRTUAL : TimeMode.LIVE);
            }
        });
        vm.settings().timeModeProperty().addListener((o, a, b) -> (b == TimeMode.VIRTUAL ? virtualToggle : liveToggle)
                .setSelected(true));
        Tips.install(liveToggle, "Live time: real threads on this machine, in real time.");
        Optional<String> virtualWhy = vm.settings().unavailableReason(TimeMode.VIRTUAL);
        virtualToggle.setDisable(virtualWhy.isPresent());
        Tips.install(virtualHolder, virtualWhy.orElse("Virtual time: a simulation of a modelled machine, "
                + "reproducible bit for bit and faster than real time."));
        SpinnerValueFactory.IntegerSpinnerValueFactory cores = new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                1024, vm.settings().modelledCoresProperty().get());
        coresSpinner.setValueFactory(cores);
        cores.valueProperty().addListener((o, a, b) -> vm.settings().modelledCoresProperty().set(b));
        vm.settings().modelledCoresProperty().addListener((o, a, b) -> cores.setValue(b.intValue()));
        coresSpinner.setDisable(true);
        vm.settings().timeModeProperty().addListener((o, a, b) -> coresSpinner.setDisable(b != TimeMode.VIRTUAL));
        Tips.install(coresHolder, "Processors of the modelled machine, in virtual time (may exceed this machine's "
                + vm.settings().machineCores() + "); it has as many callers, and its capacity \u03bb* sizes the load. "
                + "cpu_parallelism and cpu_queue_cap follow it unless you tuned them. Live runs use this machine's "
                + "cores. " + virtualWhy.map(w -> "Virtual time " + w + ".").orElse(""));
        bindPace();
    }

    private void bindPace() {
        paceBox.getItems().setAll(Pace.values());
        paceBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Pace p) {
                return p == null ? "" : p.label();
            }

            @Override
            public Pace fromString(String s) {
                return paceBox.getItems().stream().filter(p -> p.label().equals(s)).findFirst().orElse(null);
            }
        });
        paceBox.valueProperty().bindBidirectional(vm.settings().paceProperty());
        paceBox.setDisable(vm.settings().timeModeProperty().get() != TimeMode.VIRTUAL);
        vm.settings().timeModeProperty().addListener((o, a, b) -> paceBox.setDisable(b != TimeMode.VIRTUAL));
        Tips.install(paceHolder, "How fast simulated time passes, in simulated seconds per second: 1\u00d7 looks like "
                + "a live run, 10\u00d7 and 100\u00d7 fast-forward, max goes as fast as the simulation can. The views "
                + "still refresh 10 times a second, and the numbers do not depend on the speed. Changes apply at once, "
                + "also during a run.");
    }

    private void bindCommands() {
        startButton.disableProperty().bind(vm.status().canStartProperty().not());
        pauseButton.disableProperty().bind(vm.status().canPauseProperty().not());
        pauseButton.textProperty().bind(vm.status().pauseLabelProperty());
        stopButton.disableProperty().bind(vm.status().canStopProperty().not());
        resetButton.disableProperty().bind(vm.status().canResetProperty().not());
        Tips.install(startButton, "Start the scenario on a fresh router with the tuning panel's config.");
        Tips.install(pauseButton, "Hold the arrivals (jobs already submitted carry on); Resume shifts the rest of "
                + "the schedule by the pause, so missed arrivals never come in a burst. In virtual time, Pause holds the "
                + "whole simulated machine, jobs in flight included.");
        Tips.install(stopButton, "Stop the arrivals; the jobs in flight still end, then the run is finished.");
        Tips.install(resetButton, "End the run, close its router and clear the views; the tuned config stays.");
        stateChip.textProperty().bind(Bindings.createStringBinding(() -> vm.status().stateProperty().get().label(),
                vm.status().stateProperty()));
        vm.status().stateProperty().addListener((o, a, b) -> updateChip(b));
        updateChip(vm.status().stateProperty().get());
        exportReportItem.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.session().isEmpty(),
                vm.status().stateProperty()));
        exportCsvItem.disableProperty().bind(exportReportItem.disableProperty());
    }

    private void updateChip(RunState s) {
        for (RunState x : RunState.values()) {
            stateChip.pseudoClassStateChanged(PseudoClass.getPseudoClass(x.name().toLowerCase(java.util.Locale.ROOT)),
                    x == s);
        }
    }

    @FXML
    private void onStart() {
        vm.start();
    }

    @FXML
    private void onPause() {
        vm.togglePause();
    }

    @FXML
    private void onStop() {
        vm.stop();
    }

    @FXML
    private void onReset() {
        vm.reset();
    }

    @FXML
    private void onExportConfig() {
        choose("Export the tuned config", "helixrouter-config.json", "JSON", "*.json")
                .ifPresent(vm.files()::exportConfig);
    }

    @FXML
    private void onExportReport() {
        choose("Export the run report", "helixrouter-report.json", "JSON", "*.json")
                .ifPresent(vm.files()::exportReportJson);
    }

    @FXML
    private void onExportCsv() {
        choose("Export the run report as CSV", "helixrouter-report.csv", "CSV", "*.csv")
                .ifPresent(vm.files()::exportReportCsv);
    }

    @FXML
    private void onExportPng() {
        choose("Save a picture of the dashboard", "helixrouter-dashboard.png", "PNG image", "*.png")
                .ifPresent(pngExporter);
    }

    private Optional<Path> choose(String title, String name, String what, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        var file = chooser.showSaveDialog(exportMenu.getScene().getWindow());
        return Optional.ofNullable(file).map(java.io.File::toPath);
    }

    /** A preset in the picker: its name (and "yours" for a user preset), its description in the list. */
    private static final class ScenarioCell extends ListCell<ScenarioCatalog.Entry> {
        private final boolean inList;
        private final Label name = new Label();
        private final Label origin = new Label();
        private final Label what = new Label();
        private final VBox box;

        ScenarioCell(boolean inList) {
            this.inList = inList;
            name.getStyleClass().add("picker-name");
            origin.getStyleClass().add("picker-origin");
            what.getStyleClass().add("picker-description");
            what.setWrapText(true);
            what.setMaxWidth(420);
            javafx.scene.layout.HBox top = new javafx.scene.layout.HBox(6, name, origin);
            box = inList ? new VBox(1, top, what) : new VBox(top);
        }

        @Override
        protected void updateItem(ScenarioCatalog.Entry e, boolean empty) {
            super.updateItem(e, empty);
            setText(null);
            pseudoClassStateChanged(INVALID, !empty && e != null && !e.isValid());
            if (empty || e == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(e.name());
            origin.setText(!e.isValid() ? "cannot be read" : e.origin() == ScenarioCatalog.Origin.USER ? "yours" : "");
            origin.setVisible(!origin.getText().isEmpty());
            origin.setManaged(origin.isVisible());
            what.setText(e.summary());
            setGraphic(box);
            setTooltip(inList ? Tips.tip(e.location() + "\n\n" + e.summary()) : null);
        }
    }
}
