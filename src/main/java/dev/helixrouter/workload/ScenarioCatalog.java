package dev.helixrouter.workload;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scenarios a user can pick: the presets shipped inside the application (classpath
 * resources under {@code /presets/}) and the user's own, saved as JSON files in a user
 * directory (by default {@code ~/.helixrouter/presets}, since the shipped ones live inside the
 * jar and cannot be written).
 *
 * <p>A jar's directories cannot be listed reliably, so the shipped presets are the files named
 * in {@code /presets/index.json} ({@code {"presets": ["steady.json", …]}}). User presets are the
 * {@code *.json} files directly in the user directory (a missing directory simply holds none).
 *
 * <p>A preset that cannot be read does not hide the others: {@link #list()} returns it as an
 * entry carrying its error message, so the lab can show it greyed out with the reason. A user
 * preset whose name equals a shipped one's shadows it in {@link #find(String)}; both are listed.
 *
 * <p>Nothing is cached: every call reads the directory again, so a file saved from another
 * window or edited by hand shows up at once. Thread-safe.
 */
public final class ScenarioCatalog {

    /** Where shipped presets live on the classpath. */
    public static final String RESOURCE_DIR = "/presets/";
    /** The classpath resource listing the shipped presets' file names. */
    public static final String INDEX = RESOURCE_DIR + "index.json";

    /** Where an entry comes from. */
    public enum Origin {
        /** Inside the application. */
        SHIPPED,
        /** The user's presets directory. */
        USER
    }

    /**
     * One preset: a scenario, or the reason it could not be read.
     *
     * @param name     the scenario's name, or the file's name without {@code .json} if it is broken
     * @param origin   shipped or user
     * @param location the resource ({@code presets/steady.json}) or file path it was read from
     * @param scenario the scenario, if it could be read
     * @param error    why it could not be read, otherwise
     */
    public record Entry(String name, Origin origin, String location, Optional<Scenario> scenario,
                        Optional<String> error) {
        /** Checks that exactly one of scenario and error is present. */
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(location, "location");
            if (scenario.isPresent() == error.isPresent()) {
                throw new IllegalArgumentException("an entry has either a scenario or an error");
            }
        }

        /** Whether the preset could be read. */
        public boolean isValid() {
            return scenario.isPresent();
        }

        /** The scenario's description, or the error, for a one-line display. */
        public String summary() {
            return scenario.map(Scenario::description).orElseGet(error::orElseThrow);
        }
    }

    private final Path userDirectory;
    private final Class<?> resourceBase;

    /** A catalog with the default user directory, {@code ~/.helixrouter/presets}. */
    public ScenarioCatalog() {
        this(defaultUserDirectory());
    }

    /** A catalog whose user presets live in {@code userDirectory} (created on first save). */
    public ScenarioCatalog(Path userDirectory) {
        this(userDirectory, ScenarioCatalog.class);
    }

    /** For tests: shipped presets are resources of {@code resourceBase}'s class loader. */
    ScenarioCatalog(Path userDirectory, Class<?> resourceBase) {
        this.userDirectory = Objects.requireNonNull(userDirectory, "userDirectory");
        this.resourceBase = Objects.requireNonNull(resourceBase, "resourceBase");
    }

    /** {@code ~/.helixrouter/presets}. */
    public static Path defaultUserDirectory() {
        return Path.of(System.getProperty("user.home"), ".helixrouter", "presets");
    }

    /** The directory user presets are read from and saved to. */
    public Path userDirectory() {
        return userDirectory;
    }

    /** Every preset: shipped ones in index order, then user ones by file name. */
    public List<Entry> list() {
        List<Entry> all = new ArrayList<>(shipped());
        all.addAll(user());
        return List.copyOf(all);
    }

    /** The names of the presets that can be run, in {@link #list()} order, without repeats. */
    public List<String> names() {
        return list().stream().filter(Entry::isValid).map(Entry::name).distinct().toList();
    }

    /**
     * The scenario called {@code nameOrPath} (a user preset before a shipped one), or else the
     * scenario in the file at that path.
     *
     * @throws ScenarioException if the preset or file cannot be read (naming it and the field at
     *                           fault), or if no preset has that name and no such file exists
     *                           (listing the available names)
     */
    public Scenario find(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        List<Entry> all = list();
        for (Origin origin : List.of(Origin.USER, Origin.SHIPPED)) {
            for (Entry e : all) {
                if (e.origin() == origin && e.name().equals(nameOrPath)) {
                    if (e.scenario().isPresent()) {
                        return e.scenario().get();
                    }
                    // The error already names the file and the field at fault.
                    throw new ScenarioException(List.of(new ScenarioProblem("$", e.error().orElseThrow())));
                }
            }
        }
        Path file;
        try {
            file = Path.of(nameOrPath);
        } catch (RuntimeException notAPath) {
            file = null;
        }
        if (file != null && Files.isRegularFile(file)) {
            return ScenarioJson.read(file);
        }
        String available = all.stream().filter(Entry::isValid).map(Entry::name).distinct()
                .collect(Collectors.joining(", "));
        throw new ScenarioException(List.of(new ScenarioProblem("$", "no preset named '"
                + Suggestions.abbreviate(nameOrPath) + "' and no such file"
                + Suggestions.nearest(nameOrPath, all.stream().map(Entry::name).toList())
                        .map(n -> " (did you mean '" + n + "'?)").orElse("")
                + "; available presets: " + available)));
    }

    /**
     * Saves {@code scenario} to the user directory as {@code <name>.json}, replacing a user
     * preset of that name; creates the directory if needed. The file is written whole and then
     * moved into place, so a reader never sees half a preset.
     *
     * @return the file written
     */
    public Path save(Scenario scenario) throws IOException {
        Files.createDirectories(userDirectory);
        Path target = userDirectory.resolve(scenario.name() + ".json");
        Path temp = Files.createTempFile(userDirectory, "." + scenario.name() + "-", ".tmp");
        try {
            Files.writeString(temp, ScenarioJson.toJson(scenario), StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    // ---- shipped ----

    private List<Entry> shipped() {
        List<String> files;
        try {
            files = shippedFileNames();
        } catch (RuntimeException e) {
            return List.of(broken("index", Origin.SHIPPED, "presets/index.json", e.getMessage()));
        }
        List<Entry> out = new ArrayList<>();
        for (String file : files) {
            String location = "presets/" + file;
            String stem = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
            try (InputStream in = resourceBase.getResourceAsStream(RESOURCE_DIR + file)) {
                if (in == null) {
                    out.add(broken(stem, Origin.SHIPPED, location, location + ": listed in presets/index.json "
                            + "but missing from the application"));
                    continue;
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                out.add(valid(ScenarioJson.parse(text, location), Origin.SHIPPED, location));
            } catch (ScenarioException e) {
                out.add(broken(stem, Origin.SHIPPED, location, e.getMessage()));
            } catch (IOException e) {
                out.add(broken(stem, Origin.SHIPPED, location, location + ": cannot read: " + e));
            }
        }
        return out;
    }

    private List<String> shippedFileNames() {
        try (InputStream in = resourceBase.getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of(); // an application packaged without presets
            }
            JsonNode index = JsonFields.MAPPER.readTree(in);
            JsonNode presets = index == null ? null : index.get("presets");
            if (presets == null || !presets.isArray()) {
                throw new IllegalStateException("presets/index.json: presets: must be an array of file names");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode n : presets) {
                if (!n.isTextual() || n.textValue().contains("/") || n.textValue().contains("\\")) {
                    throw new IllegalStateException("presets/index.json: presets: each entry must be a plain file "
                            + "name, was " + JsonFields.describe(n));
                }
                names.add(n.textValue());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("presets/index.json: cannot read: " + e.getMessage(), e);
        }
    }

    // ---- user ----

    private List<Entry> user() {
        if (!Files.isDirectory(userDirectory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(userDirectory, "*.json")) {
            dir.forEach(files::add);
        } catch (IOException | RuntimeException e) {
            return List.of(broken(userDirectory.getFileName().toString(), Origin.USER, userDirectory.toString(),
                    userDirectory + ": cannot list the user presets: " + e));
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Entry> out = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
            try {
                out.add(valid(ScenarioJson.read(file), Origin.USER, file.toString()));
            } catch (ScenarioException e) {
                out.add(broken(stem, Origin.USER, file.toString(), e.getMessage()));
            }
        }
        return out;
    }

    private static Entry valid(Scenario s, Origin origin, String location) {
        return new Entry(s.name(), origin, location, Optional.of(s), Optional.empty());
    }

    private static Entry broken(String name, Origin origin, String location, String error) {
        return new Entry(name, origin, location, Optional.empty(), Optional.of(error));
    }
}
