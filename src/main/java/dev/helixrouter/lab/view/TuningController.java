package dev.helixrouter.lab.view;

import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.lab.model.ConfigFieldViewModel;
import dev.helixrouter.lab.model.DisplayFormat;
import dev.helixrouter.lab.model.LabViewModel;
import dev.helixrouter.lab.model.SliderScale;
import dev.helixrouter.lab.model.TuningViewModel;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The tuning panel ({@code /fxml/tuning.fxml}): one row per {@link ConfigKey}, generated from the
 * key table — its description as the tooltip, its suggested range on the slider, a combo box for
 * a choice key — each bound both ways to its {@link ConfigFieldViewModel}. Keys the adaptive
 * layer adds later appear by themselves, under "More".
 */
public final class TuningController {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass MODIFIED = PseudoClass.getPseudoClass("modified");
    private static final Map<String, List<ConfigKey>> SECTIONS = sections();

    @FXML private VBox panel;
    @FXML private Label targetBadge;
    @FXML private CheckBox liveApplyBox;
    @FXML private Button applyButton;
    @FXML private Label statusLabel;
    @FXML private VBox rows;
    @FXML private Button resetButton;
    @FXML private Button importButton;
    @FXML private Button exportButton;
    @FXML private Button saveButton;

    private LabViewModel lab;
    private TuningViewModel vm;

    private static Map<String, List<ConfigKey>> sections() {
        Map<String, List<ConfigKey>> m = new LinkedHashMap<>();
        m.put("Routing", List.of(ConfigKey.INLINE_THRESHOLD, ConfigKey.SPAWN_THRESHOLD, ConfigKey.ROUTING_POLICY));
        m.put("CPU lane", List.of(ConfigKey.CPU_PARALLELISM, ConfigKey.CPU_QUEUE_CAP));
        m.put("Gate and shedding", List.of(ConfigKey.BACKPRESSURE_GATE, ConfigKey.BACKPRESSURE_BUSY_THRESHOLD,
                ConfigKey.PRESSURE_SHED_THRESHOLD));
        m.put("Spawn and batch", List.of(ConfigKey.SPAWN_MAX_IN_FLIGHT, ConfigKey.BATCH_MAX_SIZE,
                ConfigKey.BATCH_MAX_DELAY_MS));
        m.put("Adaptive", List.of(ConfigKey.EMA_ALPHA, ConfigKey.ADAPTIVE_STEP, ConfigKey.CPU_P95_BUDGET_MS,
                ConfigKey.ADAPTIVE_P95_THRESHOLD_FACTOR));
        m.put("Learned policy", List.of(ConfigKey.LEARNED_EPSILON, ConfigKey.LEARNED_EPSILON_FLOOR,
                ConfigKey.LEARNED_EPSILON_HALF_LIFE, ConfigKey.LEARNED_RATE, ConfigKey.LEARNED_L2,
                ConfigKey.LEARNED_WEIGHT_CLIP, ConfigKey.LEARNED_SEED));
        m.put("Autoscaler", List.of(ConfigKey.AUTOSCALER_MODE, ConfigKey.AUTOSCALER_HORIZON_S,
                ConfigKey.AUTOSCALER_WINDOW_S, ConfigKey.AUTOSCALER_MIN_PARALLELISM,
                ConfigKey.AUTOSCALER_MAX_PARALLELISM, ConfigKey.AUTOSCALER_HYSTERESIS,
                ConfigKey.AUTOSCALER_COOLDOWN_S));
        m.put("Lifecycle and metrics", List.of(ConfigKey.SHUTDOWN_GRACE_MS, ConfigKey.METRICS_INTERVAL_MS));
        return m;
    }

    void bind(LabViewModel labViewModel) {
        this.lab = labViewModel;
        this.vm = labViewModel.tuning();
        java.util.Set<ConfigKey> placed = java.util.EnumSet.noneOf(ConfigKey.class);
        SECTIONS.forEach((title, keys) -> {
            addSection(title);
            for (ConfigKey k : keys) {
                rows.getChildren().add(row(vm.field(k)));
                placed.add(k);
            }
        });
        boolean more = false;
        for (ConfigFieldViewModel f : vm.fields()) {
            if (!placed.contains(f.key())) {
                if (!more) {
                    addSection("More");
                    more = true;
                }
                rows.getChildren().add(row(f));
            }
        }
        liveApplyBox.selectedProperty().bindBidirectional(vm.liveApplyProperty());
        applyButton.disableProperty().bind(vm.liveApplyProperty().or(vm.pendingProperty().not()));
        Tips.install(liveApplyBox, "On: a valid change is applied about 250 ms after you stop moving, as a patch of "
                + "the changed keys. Off: change several keys, then press Apply.");
        statusLabel.textProperty().bind(vm.statusTextProperty());
        vm.statusProperty().addListener((o, a, b) -> updateStatusClass(b));
        updateStatusClass(vm.statusProperty().get());
        targetBadge.textProperty().bind(Bindings.when(vm.attachedToRunProperty()).then("running router")
                .otherwise("next run"));
        vm.attachedToRunProperty().addListener((o, a, b) -> targetBadge.pseudoClassStateChanged(
                PseudoClass.getPseudoClass("live"), b));
        Tips.install(targetBadge, "While a run is on, changes go to its router at once. Otherwise they are the "
                + "config the next Start uses.");
        Tips.install(resetButton, "Back to the scenario's preset values (applied at once).");
        Tips.install(importButton, "Apply a config JSON file (the document the presets, the config file and the "
                + "HTTP API use; partial files allowed). A malformed file is refused whole, naming the key.");
        Tips.install(exportButton, "Write the tuned config as JSON: every key, the same document the HTTP API "
                + "and HELIX_CONFIG_PATH take.");
        Tips.install(saveButton, "Save the scenario with this config and seed as your own preset, in "
                + "~/.helixrouter/presets; it appears in the scenario picker.");
    }

    private void addSection(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("tuning-section");
        rows.getChildren().add(l);
    }

    private VBox row(ConfigFieldViewModel f) {
        ConfigKey key = f.key();
        Label name = new Label(key.jsonName());
        name.getStyleClass().add("config-key");
        Region dot = new Region();
        dot.getStyleClass().add("tuned-dot");
        dot.visibleProperty().bind(f.differsFromPresetProperty());
        Tips.install(dot, "Differs from the scenario's preset.");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, name, dot, spacer);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(3, top);
        box.getStyleClass().add("config-row");
        box.setId("row-" + key.jsonName());
        String help = key.jsonName() + ": " + key.description();
        if (key.type() == ConfigKey.ValueType.CHOICE) {
            ComboBox<String> combo = new ComboBox<>();
            combo.getItems().setAll(f.choices());
            combo.valueProperty().bindBidirectional(f.textProperty());
            combo.setId("field-" + key.jsonName());
            combo.getStyleClass().add("config-choice");
            top.getChildren().add(combo);
            Tips.install(combo, help);
        } else {
            TextField field = new TextField();
            field.setId("field-" + key.jsonName());
            field.getStyleClass().addAll("config-field", "mono-field");
            field.setPrefColumnCount(7);
            field.setPrefWidth(96);
            field.textProperty().bindBidirectional(f.textProperty());
            field.setOnAction(e -> f.commit());
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    f.commit();
                }
            });
            if (key.nullable()) {
                field.setPromptText("auto");
            }
            f.errorProperty().addListener((o, a, b) -> field.pseudoClassStateChanged(INVALID, b != null));
            f.modifiedProperty().addListener((o, a, b) -> field.pseudoClassStateChanged(MODIFIED, b));
            top.getChildren().add(field);
            Slider slider = new Slider(0, SliderScale.POSITIONS, 0);
            slider.setId("slider-" + key.jsonName());
            slider.getStyleClass().add("config-slider");
            slider.valueProperty().bindBidirectional(f.sliderPositionProperty());
            box.getChildren().add(slider);
            String range = "Slider: " + show(key, key.uiMin()) + " \u2013 " + show(key, key.uiMax())
                    + (f.scale().log() ? " (logarithmic)" : "") + ". Or type any value the rules allow and press "
                    + "Enter."
                    + (key.nullable() ? " Leave empty to follow cpu_parallelism." : "");
            Tips.install(field, help + "\n\n" + range);
            Tips.install(slider, help + "\n\n" + range);
        }
        Tips.install(name, help);
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(f.errorProperty());
        error.visibleProperty().bind(f.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        error.setId("error-" + key.jsonName());
        box.getChildren().add(error);
        return box;
    }

    private static String show(ConfigKey key, double v) {
        return key.type() == ConfigKey.ValueType.INTEGER ? DisplayFormat.count(Math.round(v))
                : String.format(Locale.ROOT, "%s", DisplayFormat.decimal(v));
    }

    private void updateStatusClass(TuningViewModel.Status s) {
        for (TuningViewModel.Status x : TuningViewModel.Status.values()) {
            statusLabel.pseudoClassStateChanged(PseudoClass.getPseudoClass(x.name().toLowerCase(Locale.ROOT)), x == s);
        }
    }

    @FXML
    private void onApply() {
        vm.apply();
    }

    @FXML
    private void onReset() {
        vm.resetToPreset();
    }

    @FXML
    private void onImport() {
        FileChooser chooser = chooser("Apply a config file");
        File f = chooser.showOpenDialog(panel.getScene().getWindow());
        if (f != null) {
            lab.files().importConfig(f.toPath());
        }
    }

    @FXML
    private void onExport() {
        FileChooser chooser = chooser("Export the tuned config");
        chooser.setInitialFileName("helixrouter-config.json");
        File f = chooser.showSaveDialog(panel.getScene().getWindow());
        if (f != null) {
            lab.files().exportConfig(f.toPath());
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Config JSON", "*.json"));
        return chooser;
    }

    @FXML
    private void onSave() {
        String suggested = lab.scenario().map(s -> s.name() + "-tuned").orElse("my-preset");
        String desc = lab.scenario().map(s -> s.description()).orElse("");
        PresetDialog.ask(panel.getScene().getWindow(), suggested, desc)
                .ifPresent(r -> lab.files().saveAsPreset(r.name(), r.description()));
    }
}
