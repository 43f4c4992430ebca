package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.config.AppliedConfig;
import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.http.ConfigFileWatcher.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: base ⊕ file, all or nothing, bad files logged and ignored. Driven by checkNow(): no waiting. */
class ConfigFileWatcherTest {
    private static final RouterConfig BASE = RouterConfig.defaults(4).toBuilder().backpressureGate(GateMode.BUSY)
            .build();

    @TempDir
    Path dir;

    private final ConfigStore store = new ConfigStore(BASE);

    private ConfigFileWatcher watcher(Path file) {
        return new ConfigFileWatcher(store, file, BASE, Duration.ofMillis(20));
    }

    /** Writes {@code text} and moves the modification time on, so the change shows whatever the clock's grain. */
    private static void write(Path file, String text) throws IOException {
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.from(Instant.EPOCH);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Math.max(System.currentTimeMillis(),
                before.toMillis() + 1000)));
    }

    @Test
    void aPartialFile_isAppliedOverTheBase() throws IOException {
        Path f = dir.resolve("helix.json");
        write(f, "{\"inline_threshold\": 5000, \"batch_max_size\": 16}");
        ConfigFileWatcher w = watcher(f);
        assertEquals(Result.APPLIED, w.checkNow());
        AppliedConfig c = store.current();
        assertEquals(2, c.version());
        assertEquals(5000, c.config().inlineThreshold());
        assertEquals(16, c.config().batchMaxSize());
        assertEquals(GateMode.BUSY, c.config().backpressureGate(), "keys the file leaves out come from the base");
        assertEquals(Result.UNCHANGED, w.checkNow());
        assertEquals(1, w.count(Result.APPLIED));
        assertEquals(1, w.count(Result.UNCHANGED));
    }

    @Test
    void theFileIsDeclarative_aReloadUndoesPatchesAndDroppedKeysReturnToTheBase() throws IOException {
        Path f = dir.resolve("helix.json");
        write(f, "{\"batch_max_size\": 16}");
        ConfigFileWatcher w = watcher(f);
        w.checkNow();
        store.patch(ConfigPatch.builder().set(ConfigKey.SPAWN_MAX_IN_FLIGHT, 99).build());
        write(f, "{\"inline_threshold\": 4000}");
        assertEquals(Result.APPLIED, w.checkNow());
        RouterConfig now = store.config();
        assertEquals(4000, now.inlineThreshold());
        assertEquals(BASE.batchMaxSize(), now.batchMaxSize(), "no longer in the file: back to the base");
        assertEquals(BASE.spawnMaxInFlight(), now.spawnMaxInFlight(), "the file wins over earlier patches");
    }

    @Test
    void anInvalidFile_isIgnored_andNeverPartiallyApplied() throws IOException {
        Path f = dir.resolve("helix.json");
        write(f, "{\"batch_max_size\": 16}");
        ConfigFileWatcher w = watcher(f);
        w.checkNow();
        AppliedConfig good = store.current();
        // one good key, one bad one: nothing at all
        write(f, "{\"inline_threshold\": 4000, \"batch_max_size\": -3}");
        assertEquals(Result.INVALID, w.checkNow());
        assertEquals(good, store.current());
        write(f, "{\"inline_threshold\": 4000, \"typo_key\": 1}");
        assertEquals(Result.INVALID, w.checkNow());
        write(f, "{\"inline_threshold\": ");
        assertEquals(Result.INVALID, w.checkNow());
        Files.write(f, new byte[] {'{', (byte) 0xff, '}'});
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(Result.INVALID, w.checkNow());
        assertEquals(good, store.current());
        assertEquals(4, w.count(Result.INVALID));
        // fixed: applied again
        write(f, "{\"inline_threshold\": 4000}");
        assertEquals(Result.APPLIED, w.checkNow());
        assertEquals(4000, store.config().inlineThreshold());
    }

    @Test
    void aMissingFile_keepsTheConfigInForce() throws IOException {
        Path f = dir.resolve("helix.json");
        ConfigFileWatcher w = watcher(f);
        assertEquals(Result.MISSING, w.checkNow());
        write(f, "{\"batch_max_size\": 16}");
        assertEquals(Result.APPLIED, w.checkNow());
        Files.delete(f);
        assertEquals(Result.MISSING, w.checkNow());
        assertEquals(16, store.config().batchMaxSize());
    }

    @Test
    void aTouchedButUnchangedFile_isNotReapplied() throws IOException {
        Path f = dir.resolve("helix.json");
        write(f, "{\"batch_max_size\": 16}");
        ConfigFileWatcher w = watcher(f);
        w.checkNow();
        store.patch(ConfigPatch.builder().set(ConfigKey.BATCH_MAX_SIZE, 3).build());
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertEquals(Result.UNCHANGED, w.checkNow());
        assertEquals(3, store.config().batchMaxSize());
    }

    @Test
    void load_isStrict() throws IOException {
        Path f = dir.resolve("helix.json");
        write(f, "{\"batch_max_size\": 0}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFileWatcher.load(f, BASE));
        assertEquals("batch_max_size", e.violations().getFirst().key());
        write(f, "{\"batch_max_size\": 5}");
        assertEquals(5, ConfigFileWatcher.load(f, BASE).batchMaxSize());
    }

    @Test
    void started_itPollsOnANamedPlatformThread() throws IOException {
        Path f = dir.resolve("helix.json");
        write(f, "{\"batch_max_size\": 16}");
        try (ConfigFileWatcher w = watcher(f).start("helix-config-watch-test")) {
            assertEquals(16, store.config().batchMaxSize(), "the first check runs at start");
            Thread t = Thread.getAllStackTraces().keySet().stream()
                    .filter(x -> x.getName().equals("helix-config-watch-test")).findFirst().orElseThrow();
            assertFalse(t.isVirtual());
            write(f, "{\"batch_max_size\": 24}");
            TestSupport.awaitTrue("reloaded", () -> store.config().batchMaxSize() == 24);
            TestSupport.awaitTrue("counted", () -> w.count(Result.APPLIED) == 2);
        }
        TestSupport.awaitTrue("stopped", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(x -> x.getName().equals("helix-config-watch-test")));
        assertTrue(store.current().version() >= 3);
    }
}
