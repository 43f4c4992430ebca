package dev.helixrouter.lab.model;

import dev.helixrouter.engine.config.AppliedConfig;
import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.ConfigViolation;
import dev.helixrouter.engine.config.RouterConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The tuning panel's view model: one {@link ConfigFieldViewModel} per {@link ConfigKey}, bound
 * to a {@link ConfigStore} — the running router's, or a draft store for the next run when no
 * run is in progress. Either way the same rules apply.
 *
 * <p><b>Validating.</b> After every edit the whole config is checked: the edited values are
 * merged onto the config in force ({@link ConfigPatch.Builder}, then
 * {@link RouterConfig#violations()}) and every broken rule is shown on the field of the key it
 * names. A config with any problem is never applied.
 *
 * <p><b>Applying.</b> With live apply on, a valid edit is applied after a quiet time (the
 * {@link Debouncer}, ~250 ms) as a patch of the changed keys only, naming the version the panel
 * last loaded: if another writer (the HTTP API, the autoscaler) changed the config meanwhile,
 * the store refuses with a conflict, the panel reloads what is in force and says so — a slider
 * never silently undoes someone else's change. With live apply off, {@link #apply()} applies.
 *
 * <p>Use on the UI thread. Applying a patch is quick: the store validates under its lock and
 * the router resizes its lane without waiting for workers.
 */
public final class TuningViewModel {

    /** How the panel stands, for the colour of its status line. */
    public enum Status {
        /** The fields show the config in force. */
        IN_FORCE,
        /** A valid edit waits for the debounce or for Apply. */
        PENDING,
        /** Some field breaks a rule: nothing is applied. */
        INVALID,
        /** Another writer changed the config; the panel reloaded it. */
        CONFLICT
    }

    /** The result of checking the fields: the patch of changed keys, or the problems. */
    record Check(ConfigPatch patch, List<ConfigViolation> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private final Debouncer debouncer;
    private final Map<ConfigKey, ConfigFieldViewModel> fields = new EnumMap<>(ConfigKey.class);
    private final List<ConfigFieldViewModel> fieldList;
    private final BooleanProperty liveApply = new SimpleBooleanProperty(this, "liveApply", true);
    private final ReadOnlyBooleanWrapper attachedToRun = new ReadOnlyBooleanWrapper(this, "attachedToRun");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.IN_FORCE);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyBooleanWrapper pending = new ReadOnlyBooleanWrapper(this, "pending");
    private ConfigStore store;
    private RouterConfig preset;
    private long baseVersion;
    private RouterConfig baseConfig;
    private boolean loading;

    /** A panel applying debounced edits through {@code debouncer}; attach a store before use. */
    public TuningViewModel(Debouncer debouncer) {
        this.debouncer = Objects.requireNonNull(debouncer, "debouncer");
        List<ConfigFieldViewModel> list = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            ConfigFieldViewModel f = new ConfigFieldViewModel(key, this::onEdited);
            fields.put(key, f);
            list.add(f);
        }
        this.fieldList = Collections.unmodifiableList(list);
        liveApply.addListener((o, was, now) -> {
            if (now) {
                onEdited(true);
            } else {
                debouncer.cancel();
                refreshStatus(check());
            }
        });
    }

    /**
     * Binds the panel to {@code target}, loading what is in force. {@code presetConfig} is what
     * Reset returns to; {@code live} says whether {@code target} is a running router's store
     * (otherwise a draft for the next run). Pending edits are dropped.
     */
    public void attach(ConfigStore target, RouterConfig presetConfig, boolean live) {
        debouncer.cancel();
        this.store = Objects.requireNonNull(target, "target");
        this.preset = Objects.requireNonNull(presetConfig, "presetConfig");
        attachedToRun.set(live);
        reload();
        setStatus(Status.IN_FORCE, inForceText());
    }

    /** Drafts the next run's config: a store of its own, starting from {@code config}. */
    public void attachDraft(RouterConfig config, RouterConfig presetConfig) {
        attach(new ConfigStore(config), presetConfig, false);
    }

    /** Loads every field from the store (edits are dropped). */
    public void reload() {
        AppliedConfig in = store.current();
        baseVersion = in.version();
        baseConfig = in.config();
        version.set(in.version());
        loading = true;
        try {
            for (ConfigFieldViewModel f : fieldList) {
                f.load(f.key().valueIn(in.config()), effective(f.key(), in.config()));
                f.setError(null);
            }
        } finally {
            loading = false;
        }
        markFields(in.config());
        pending.set(false);
    }

    private static Object effective(ConfigKey key, RouterConfig c) {
        return key == ConfigKey.BACKPRESSURE_BUSY_THRESHOLD ? c.busyThreshold() : null;
    }

    private void onEdited(boolean committed) {
        if (loading || store == null) {
            return;
        }
        Check c = check();
        refreshStatus(c);
        if (c.valid() && !c.patch().isEmpty() && liveApply.get()) {
            if (committed) {
                debouncer.schedule(this::apply);
            } else if (!debouncer.isPending()) {
                setStatus(Status.PENDING, "Press Enter to apply " + keys(c.patch()));
            }
        } else if (!c.valid() || c.patch().isEmpty()) {
            debouncer.cancel();
        }
    }

    /**
     * Checks every field against the config the panel was loaded from (the one the user sees
     * and edits); marks the fields. The patch holds only the keys the user changed, so a
     * conflict never reports keys someone else changed.
     */
    Check check() {
        RouterConfig base = baseConfig;
        Map<ConfigKey, List<String>> problems = new LinkedHashMap<>();
        ConfigPatch.Builder b = ConfigPatch.builder();
        for (ConfigFieldViewModel f : fieldList) {
            ConfigFieldViewModel.Parsed p = f.parse();
            if (!p.ok()) {
                problems.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(p.problem());
            } else if (!f.sameAs(f.key().valueIn(base))) {
                b.set(f.key(), p.value());
            }
        }
        ConfigPatch patch = ConfigPatch.empty();
        try {
            patch = b.build();
        } catch (ConfigException e) {
            addAll(problems, e.violations());
        }
        if (problems.isEmpty()) {
            addAll(problems, patch.applyTo(base).violations());
        }
        List<ConfigViolation> all = new ArrayList<>();
        for (ConfigFieldViewModel f : fieldList) {
            List<String> mine = problems.remove(f.key());
            f.setError(mine == null ? null : String.join("; ", mine));
            if (mine != null) {
                mine.forEach(m -> all.add(new ConfigViolation(f.key().jsonName(), m)));
            }
        }
        problems.forEach((k, ms) -> ms.forEach(m -> all.add(new ConfigViolation(k.jsonName(), m))));
        markFields(base);
        return new Check(problems.isEmpty() && all.isEmpty() ? patch : ConfigPatch.empty(), all);
    }

    private static void addAll(Map<ConfigKey, List<String>> problems, List<ConfigViolation> violations) {
        for (ConfigViolation v : violations) {
            ConfigKey key = ConfigKey.byJsonName(v.key()).orElse(null);
            if (key != null) {
                problems.computeIfAbsent(key, k -> new ArrayList<>()).add(v.message());
            }
        }
    }

    private void markFields(RouterConfig inForce) {
        for (ConfigFieldViewModel f : fieldList) {
            f.setModified(!f.sameAs(f.key().valueIn(inForce)));
            f.setDiffersFromPreset(preset != null && !f.sameAs(f.key().valueIn(preset)));
        }
    }

    /**
     * Applies the edited keys now, as a patch naming the version the panel started from.
     *
     * @return what became of it; nothing is applied if a field is invalid or nothing changed
     */
    public ConfigUpdate apply() {
        debouncer.cancel();
        Check c = check();
        if (!c.valid()) {
            refreshStatus(c);
            return new ConfigUpdate.Rejected(c.problems());
        }
        if (c.patch().isEmpty()) {
            refreshStatus(c);
            return new ConfigUpdate.Applied(store.current(), store.current());
        }
        return offer(c.patch(), "");
    }

    /**
     * Applies {@code patch} (an imported file, a button of another view) over the config in
     * force, now, dropping unapplied edits of the keys it names.
     *
     * @param source where the patch came from, for messages (e.g. a file name); may be empty
     */
    public ConfigUpdate applyPatch(ConfigPatch patch, String source) {
        debouncer.cancel();
        return offer(patch, source);
    }

    private ConfigUpdate offer(ConfigPatch patch, String source) {
        ConfigUpdate u = store.patch(patch, OptionalLong.of(baseVersion));
        switch (u) {
            case ConfigUpdate.Applied a -> {
                reload();
                setStatus(Status.IN_FORCE, inForceText());
            }
            case ConfigUpdate.Rejected r -> {
                if (source.isEmpty()) {
                    refreshStatus(check());
                } else {
                    setStatus(Status.INVALID, source + " was not applied: " + describe(r.violations()));
                }
            }
            case ConfigUpdate.Conflict x -> {
                String keys = patch.keys().stream().map(ConfigKey::jsonName).collect(Collectors.joining(", "));
                reload();
                setStatus(Status.CONFLICT, "Another writer changed the config (v" + x.expectedVersion() + " \u2192 v"
                        + x.currentVersion() + "). The panel now shows v" + x.currentVersion() + "; your change to "
                        + keys + " was not applied.");
            }
        }
        return u;
    }

    /** Sets every field to the preset's value and applies the difference now. */
    public ConfigUpdate resetToPreset() {
        ConfigPatch diff = ConfigPatch.between(store.config(), preset);
        if (diff.isEmpty()) {
            reload();
            setStatus(Status.IN_FORCE, inForceText());
            return new ConfigUpdate.Applied(store.current(), store.current());
        }
        return applyPatch(diff, "the preset");
    }

    /**
     * Called by the lab's refresh tick: if another writer changed the config and the panel holds
     * no edit, shows the new config.
     */
    public void tick() {
        if (store == null) {
            return;
        }
        long inForce = store.current().version();
        if (inForce != baseVersion && !hasEdits()) {
            long was = baseVersion;
            reload();
            setStatus(Status.IN_FORCE, inForceText() + " (changed from v" + was + " by another writer)");
        }
    }

    private boolean hasEdits() {
        return fieldList.stream().anyMatch(f -> f.modifiedProperty().get() || f.errorProperty().get() != null);
    }

    private void refreshStatus(Check c) {
        if (!c.valid()) {
            pending.set(false);
            setStatus(Status.INVALID, "Not applied: " + describe(c.problems()));
        } else if (!c.patch().isEmpty()) {
            pending.set(true);
            setStatus(Status.PENDING, liveApply.get() ? "Applying " + keys(c.patch()) + "\u2026"
                    : "Changed " + keys(c.patch()) + ": press Apply");
        } else {
            pending.set(false);
            setStatus(Status.IN_FORCE, inForceText());
        }
    }

    private static String keys(ConfigPatch p) {
        return p.keys().stream().map(ConfigKey::jsonName).collect(Collectors.joining(", "));
    }

    private static String describe(List<ConfigViolation> v) {
        String first = v.getFirst().key() + " " + v.getFirst().message();
        return v.size() == 1 ? first : first + " (and " + (v.size() - 1) + " more, see the marked fields)";
    }

    private String inForceText() {
        long changed = fieldList.stream().filter(f -> f.differsFromPresetProperty().get()).count();
        String where = attachedToRun.get() ? "Running: config v" + store.current().version() + " in force"
                : "Draft for the next run";
        return changed == 0 ? where + " \u00b7 the preset's values"
                : where + " \u00b7 " + changed + (changed == 1 ? " key" : " keys") + " tuned";
    }

    private void setStatus(Status s, String text) {
        status.set(s);
        statusText.set(text);
    }

    // ------------------------------------------------------------------ state

    /** The rows, in {@link ConfigKey} order. */
    public List<ConfigFieldViewModel> fields() {
        return fieldList;
    }

    /** The row of {@code key}. */
    public ConfigFieldViewModel field(ConfigKey key) {
        return fields.get(key);
    }

    /** The config in force in the bound store. */
    public RouterConfig configInForce() {
        return store.config();
    }

    /** The preset Reset returns to. */
    public RouterConfig preset() {
        return preset;
    }

    /** Whether any field breaks a rule. */
    public boolean hasProblems() {
        return fieldList.stream().anyMatch(f -> f.errorProperty().get() != null);
    }

    /** Whether edits are applied by themselves after a quiet time (default) or by {@link #apply()}. */
    public BooleanProperty liveApplyProperty() {
        return liveApply;
    }

    /** Whether the panel tunes a running router (otherwise the draft of the next run). */
    public ReadOnlyBooleanProperty attachedToRunProperty() {
        return attachedToRun.getReadOnlyProperty();
    }

    /** The version of the config the fields were loaded from. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Whether a valid edit waits to be applied. */
    public ReadOnlyBooleanProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** How the panel stands. */
    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The status line. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }
}
