package dev.helixrouter.lab.model;

import dev.helixrouter.engine.config.ConfigKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the tuning panel: a config key's text field and slider (or, for a choice key, its
 * combo box), kept in step with each other, with the rule's message when the value is refused.
 *
 * <p>{@link #textProperty()} is the value as typed; {@link #sliderPositionProperty()} is its place
 * on the slider ({@link SliderScale}). Moving either updates the other, and every change made by
 * the user is reported to the owning {@link TuningViewModel}, which validates the whole config
 * and decides whether to apply. Loading a value from the router does not count as an edit.
 *
 * <p>A slider move or a choice is <em>committed</em> at once (and applied after the quiet
 * time); typed text is checked at every keystroke but committed only by {@link #commit()}
 * (Enter, or leaving the field), so typing 90000 never applies 9, 90, 900 and 9000 on the way.
 */
public final class ConfigFieldViewModel {

    /**
     * The value a field's text stands for.
     *
     * @param value   the value for {@code ConfigPatch.Builder#set}, or null (only for the nullable key)
     * @param problem why the text is not a value, or null
     */
    record Parsed(Object value, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private final ConfigKey key;
    private final SliderScale scale;
    private final java.util.function.Consumer<Boolean> onEdit;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final DoubleProperty sliderPosition = new SimpleDoubleProperty(this, "sliderPosition");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified");
    private final ReadOnlyBooleanWrapper differsFromPreset = new ReadOnlyBooleanWrapper(this, "differsFromPreset");
    private boolean syncing;

    ConfigFieldViewModel(ConfigKey key, java.util.function.Consumer<Boolean> onEdit) {
        this.key = Objects.requireNonNull(key, "key");
        this.scale = SliderScale.of(key);
        this.onEdit = Objects.requireNonNull(onEdit, "onEdit");
        text.addListener((o, was, now) -> {
            if (syncing) {
                return;
            }
            Parsed p = parse();
            if (p.ok() && p.value() instanceof BigDecimal d) {
                sync(() -> sliderPosition.set(scale.toPosition(d.doubleValue())));
            }
            onEdit.accept(key.type() == ConfigKey.ValueType.CHOICE);
        });
        sliderPosition.addListener((o, was, now) -> {
            if (syncing || key.type() == ConfigKey.ValueType.CHOICE) {
                return;
            }
            sync(() -> text.set(format(scale.toValue(now.doubleValue()))));
            onEdit.accept(true);
        });
    }

    private void sync(Runnable r) {
        syncing = true;
        try {
            r.run();
        } finally {
            syncing = false;
        }
    }

    /** Shows {@code value} (in the shape of {@link ConfigKey#valueIn}) without counting it as an edit. */
    void load(Object value, Object effectiveForSlider) {
        sync(() -> {
            text.set(value == null ? "" : formatValue(value));
            Object sliderValue = value != null ? value : effectiveForSlider;
            if (sliderValue instanceof Number n) {
                sliderPosition.set(scale.toPosition(n.doubleValue()));
            }
        });
    }

    /** Sets the text as if the user typed it and pressed Enter. */
    public void enter(String newText) {
        text.set(newText);
        commit();
    }

    /** The user is done typing (Enter, or focus left the field): apply after the quiet time. */
    public void commit() {
        onEdit.accept(true);
    }

    /** What the text stands for. */
    Parsed parse() {
        String t = text.get() == null ? "" : text.get().strip();
        if (key.type() == ConfigKey.ValueType.CHOICE) {
            return t.isEmpty() ? new Parsed(null, "choose one of " + String.join(", ", key.choices()))
                    : new Parsed(t, null);
        }
        if (t.isEmpty()) {
            return key.nullable() ? new Parsed(null, null) : new Parsed(null, "enter a value");
        }
        try {
            return new Parsed(new BigDecimal(t.replace("_", "").replace(",", "")), null);
        } catch (NumberFormatException e) {
            return new Parsed(null, "'" + (t.length() > 20 ? t.substring(0, 17) + "..." : t) + "' is not a number");
        }
    }

    /** Whether this field's value equals {@code configValue} (in the shape of {@link ConfigKey#valueIn}). */
    boolean sameAs(Object configValue) {
        Parsed p = parse();
        if (!p.ok()) {
            return false;
        }
        if (p.value() == null || configValue == null) {
            return p.value() == null && configValue == null;
        }
        if (p.value() instanceof BigDecimal d && configValue instanceof Number n) {
            return d.compareTo(new BigDecimal(n.toString())) == 0;
        }
        return p.value().equals(configValue);
    }

    void setError(String message) {
        error.set(message);
    }

    void setModified(boolean m) {
        modified.set(m);
    }

    void setDiffersFromPreset(boolean d) {
        differsFromPreset.set(d);
    }

    private String format(double v) {
        return scale.integer() ? Long.toString(Math.round(v)) : DisplayFormat.decimal(v);
    }

    private static String formatValue(Object value) {
        return switch (value) {
            case Double d -> DisplayFormat.decimal(d);
            default -> value.toString();
        };
    }

    /** The key. */
    public ConfigKey key() {
        return key;
    }

    /** The slider's scale. */
    public SliderScale scale() {
        return scale;
    }

    /** For choice keys: the choices; empty otherwise. */
    public List<String> choices() {
        return key.choices();
    }

    /** The value as typed (for a choice key: the chosen string). Bind a text field or combo box to it. */
    public StringProperty textProperty() {
        return text;
    }

    /** The slider's position, 0 to {@link SliderScale#POSITIONS}. Bind a slider to it. */
    public DoubleProperty sliderPositionProperty() {
        return sliderPosition;
    }

    /** The rule this value breaks, in words, or null when it is fine. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the field differs from the config in force (an edit not applied yet). */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    /** Whether the value in force differs from the scenario's preset. */
    public ReadOnlyBooleanProperty differsFromPresetProperty() {
        return differsFromPreset.getReadOnlyProperty();
    }
}
