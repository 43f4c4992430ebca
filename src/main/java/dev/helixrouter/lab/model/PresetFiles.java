package dev.helixrouter.lab.model;

import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.ConfigViolation;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.lab.run.RunSession;
import dev.helixrouter.workload.RunReport;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.ScenarioException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lab's files: saving the tuned scenario as a user preset, importing a config document,
 * and exporting the tuned config (JSON), the run report (JSON and CSV). Every method reports
 * its outcome as a notice and returns whether it succeeded; a file that cannot be read or is
 * malformed is refused with a message naming the file and the field, and changes nothing.
 *
 * <p>The documents are the project's shared ones: the exported config is
 * {@link RouterConfigJson}'s (the same as presets' {@code config}, the config file and the HTTP
 * API), the JSON report is {@link RunReport}'s ({@code docs/REPORT.md}), the CSV is
 * {@link ReportCsv}'s.
 */
public final class PresetFiles {
    private final LabViewModel lab;
    private final ScenarioCatalog catalog;
    private final Notifications notifications;

    PresetFiles(LabViewModel lab, ScenarioCatalog catalog, Notifications notifications) {
        this.lab = lab;
        this.catalog = catalog;
        this.notifications = notifications;
    }

    /**
     * Saves the selected scenario with the tuning panel's config and the toolbar's seed as the
     * user preset {@code name}, then selects it.
     */
    public boolean saveAsPreset(String name, String description) {
        Optional<Scenario> base = lab.scenario();
        if (base.isEmpty()) {
            notifications.error("No scenario to save", "Pick a scenario first.");
            return false;
        }
        RouterConfig tuned = lab.tuning().configInForce();
        Scenario s;
        try {
            s = base.get().withName(Objects.requireNonNull(name, "name").strip())
                    .withDescription(Objects.requireNonNull(description, "description").strip())
                    .withConfig(ConfigPatch.between(RouterConfig.defaults(), tuned));
            s = s.withSeed(Long.parseLong(lab.settings().seedTextProperty().get().strip()));
        } catch (ScenarioException e) {
            notifications.error("Cannot save the preset", e.getMessage());
            return false;
        } catch (NumberFormatException e) {
            notifications.error("Cannot save the preset", "seed: must be a whole number, was '"
                    + lab.settings().seedTextProperty().get() + "'");
            return false;
        }
        Path file;
        try {
            file = catalog.save(s);
        } catch (IOException | RuntimeException e) {
            notifications.error("Cannot save the preset '" + s.name() + "'", catalog.userDirectory() + ": " + e);
            return false;
        }
        lab.picker().refresh();
        String saved = s.name();
        boolean running = !lab.status().settingsEditableProperty().get();
        if (!running) {
            lab.picker().entries().stream().filter(e -> e.origin() == ScenarioCatalog.Origin.USER && e.name().equals(saved))
                    .findFirst().ifPresent(lab::select);
        }
        notifications.info("Saved the preset '" + saved + "'", file.toString());
        return true;
    }

    /**
     * Reads a config document (partial documents allowed) and applies it over the config in
     * force — the running router's, or the next run's. A malformed file or a merged config that
     * breaks a rule is refused whole, naming the file and every key at fault.
     */
    public boolean importConfig(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            notifications.error("Cannot read " + file.getFileName(), file + ": " + e.getMessage());
            return false;
        }
        ConfigPatch patch;
        try {
            patch = RouterConfigJson.parsePatch(text);
        } catch (ConfigException e) {
            notifications.error("Not applied: " + file.getFileName() + " is not a valid config", describe(file, e.violations()));
            return false;
        }
        ConfigUpdate u = lab.tuning().applyPatch(patch, file.getFileName().toString());
        return switch (u) {
            case ConfigUpdate.Applied a -> {
                notifications.info("Applied " + file.getFileName(), patch.isEmpty() ? "It sets no key."
                        : "Keys: " + patch.keys().stream().map(Object::toString).collect(Collectors.joining(", "))
                        + " \u00b7 config v" + a.current().version());
                yield true;
            }
            case ConfigUpdate.Rejected r -> {
                notifications.error("Not applied: " + file.getFileName() + " breaks a rule over the config in force",
                        describe(file, r.violations()));
                yield false;
            }
            case ConfigUpdate.Conflict c -> {
                notifications.warning("Not applied: the config changed meanwhile", "Another writer moved it to v"
                        + c.currentVersion() + "; import " + file.getFileName() + " again.");
                yield false;
            }
        };
    }

    private static String describe(Path file, List<ConfigViolation> violations) {
        return violations.stream().map(v -> file.getFileName() + ": " + v.key() + ": " + v.message())
                .collect(Collectors.joining("\n"));
    }

    /** The tuned config as the shared config document. */
    public String configJson() {
        return RouterConfigJson.toJson(lab.tuning().configInForce());
    }

    /** Writes {@link #configJson()} to {@code file}. */
    public boolean exportConfig(Path file) {
        return write(file, configJson(), "the tuned config");
    }

    /** The JSON report of the current run, if there is one. */
    public Optional<String> reportJson() {
        return lab.session().map(s -> {
            RouterSnapshot snap = s.router().snapshot();
            return RunReport.toJson(snap, s.router().currentConfig().config(), s.info());
        });
    }

    /** The CSV report of the current run, if there is one. */
    public Optional<String> reportCsv() {
        return lab.session().map(RunSession::router).map(r -> ReportCsv.of(r.snapshot()));
    }

    /** Writes the JSON report to {@code file}. */
    public boolean exportReportJson(Path file) {
        return reportJson().map(t -> write(file, t, "the run report")).orElseGet(this::noRun);
    }

    /** Writes the CSV report to {@code file}. */
    public boolean exportReportCsv(Path file) {
        return reportCsv().map(t -> write(file, t, "the run report (CSV)")).orElseGet(this::noRun);
    }

    private boolean noRun() {
        notifications.error("No run to report on", "Start a run first; its report can be exported while it runs "
                + "and after it ends.");
        return false;
    }

    private boolean write(Path file, String text, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            notifications.error("Cannot write " + what, file + ": " + e.getMessage());
            return false;
        }
        notifications.info("Exported " + what, file.toString());
        return true;
    }
}
