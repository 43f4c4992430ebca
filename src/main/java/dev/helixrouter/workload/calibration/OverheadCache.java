package dev.helixrouter.workload.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the measured {@link Overheads} of this machine next to the kernel calibration
 * ({@code ~/.helixrouter/overheads.json}), keyed by the same machine fingerprint. A missing,
 * foreign or corrupt file is reported through the warning sink and measured again; never an
 * exception.
 */
public final class OverheadCache {
    /** The file's name in the user's HelixRouter directory. */
    public static final String FILE_NAME = "overheads.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final Consumer<String> warnings;

    /** The default location. */
    public OverheadCache() {
        this(CalibrationCache.defaultFile().resolveSibling(FILE_NAME), w -> { });
    }

    /** A cache at {@code file}. */
    public OverheadCache(Path file, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /** The stored overheads for {@code fingerprint}, or measured now (and stored) with {@code measure}. */
    public Overheads loadOrMeasure(String fingerprint, Supplier<Overheads> measure, boolean force) {
        if (!force) {
            Optional<Overheads> cached = load(fingerprint);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Overheads o = measure.get();
        save(fingerprint, o);
        return o;
    }

    private Optional<Overheads> load(String fingerprint) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !fingerprint.equals(root.path("fingerprint").asText(null))) {
                warnings.accept(file + ": made on another machine or JVM; measuring again");
                return Optional.empty();
            }
            return Optional.of(Overheads.fromJsonTree(root.get("overheads")));
        } catch (IOException | RuntimeException e) {
            warnings.accept(file + ": unreadable (" + e.getMessage() + "); measuring again");
            return Optional.empty();
        }
    }

    private void save(String fingerprint, Overheads o) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            ObjectNode root = MAPPER.createObjectNode();
            root.put("fingerprint", fingerprint);
            root.set("overheads", o.toJsonTree());
            Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
            Files.writeString(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            warnings.accept(file + ": cannot save the measured overheads (" + e.getMessage() + ")");
        }
    }
}
