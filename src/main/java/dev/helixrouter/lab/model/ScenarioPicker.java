package dev.helixrouter.lab.model;

import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.ScenarioException;
import dev.helixrouter.workload.ScenarioJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The scenario picker's model: every preset of the {@link ScenarioCatalog} (shipped, then the
 * user's, broken ones included with their error) plus scenario files opened by path, and the
 * selected one. Whether a selection is accepted is the {@link LabViewModel}'s call.
 */
public final class ScenarioPicker {
    private final ScenarioCatalog catalog;
    private final ObservableList<ScenarioCatalog.Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<ScenarioCatalog.Entry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final List<ScenarioCatalog.Entry> openedFiles = new ArrayList<>();
    private final ReadOnlyObjectWrapper<ScenarioCatalog.Entry> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");

    ScenarioPicker(ScenarioCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        refresh();
    }

    /** Reads the catalog again (a preset saved or edited elsewhere shows up), keeping the selection. */
    public void refresh() {
        ScenarioCatalog.Entry keep = selected.get();
        List<ScenarioCatalog.Entry> all = new ArrayList<>(catalog.list());
        all.addAll(openedFiles);
        entries.setAll(all);
        if (keep != null) {
            entries.stream().filter(e -> e.name().equals(keep.name()) && e.origin() == keep.origin()
                    && e.location().equals(keep.location())).findFirst().ifPresent(selected::set);
        }
    }

    /**
     * The preset called {@code nameOrPath} (a user preset before a shipped one), or else the
     * scenario file at that path, added to the list (as an entry carrying its error if it cannot
     * be read).
     */
    Optional<ScenarioCatalog.Entry> find(String nameOrPath) {
        Optional<ScenarioCatalog.Entry> e = entries.stream()
                .filter(x -> x.name().equals(nameOrPath) && x.origin() == ScenarioCatalog.Origin.USER).findFirst()
                .or(() -> entries.stream().filter(x -> x.name().equals(nameOrPath)).findFirst());
        if (e.isPresent()) {
            return e;
        }
        Optional<ScenarioCatalog.Entry> file = openFile(nameOrPath);
        file.ifPresent(f -> {
            openedFiles.add(f);
            refresh();
        });
        return file;
    }

    private static Optional<ScenarioCatalog.Entry> openFile(String name) {
        Path p;
        try {
            p = Path.of(name);
        } catch (RuntimeException notAPath) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        String stem = p.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            Scenario s = ScenarioJson.read(p);
            return Optional.of(new ScenarioCatalog.Entry(s.name(), ScenarioCatalog.Origin.USER, p.toString(),
                    Optional.of(s), Optional.empty()));
        } catch (ScenarioException ex) {
            return Optional.of(new ScenarioCatalog.Entry(stem, ScenarioCatalog.Origin.USER, p.toString(),
                    Optional.empty(), Optional.of(ex.getMessage())));
        }
    }

    void setSelected(ScenarioCatalog.Entry e) {
        selected.set(e);
        description.set(e.scenario().map(Scenario::description).orElse(""));
    }

    /** The names of the presets that can be run (for messages). */
    List<String> runnableNames() {
        return catalog.names();
    }

    /** Every entry, shipped then user then opened files. */
    public ObservableList<ScenarioCatalog.Entry> entries() {
        return entriesView;
    }

    /** The selected entry (always a readable one). */
    public ReadOnlyObjectProperty<ScenarioCatalog.Entry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected scenario's one-line description. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }
}
