package dev.helixrouter.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCatalogTest {

    @TempDir
    Path home;

    private Path userDir() {
        return home.resolve(".helixrouter").resolve("presets");
    }

    private static Scenario mine(String name) {
        return new Scenario(name, "my own", 3, WorkloadSpec.ORIGINAL, new ArrivalPattern.Poisson(1.2),
                RunBound.jobs(1_000), ConfigPatch.empty());
    }

    @Test
    void lists_shippedThenUserPresets() throws IOException {
        ScenarioCatalog catalog = new ScenarioCatalog(userDir());
        assertTrue(catalog.list().stream().allMatch(e -> e.origin() == ScenarioCatalog.Origin.SHIPPED));
        catalog.save(mine("zeta"));
        catalog.save(mine("alpha"));
        List<ScenarioCatalog.Entry> entries = catalog.list();
        assertEquals("seed-default", entries.getFirst().name());
        List<String> user = entries.stream().filter(e -> e.origin() == ScenarioCatalog.Origin.USER)
                .map(ScenarioCatalog.Entry::name).toList();
        assertEquals(List.of("alpha", "zeta"), user);
        assertTrue(catalog.names().containsAll(List.of("steady", "overload", "alpha", "zeta")));
    }

    @Test
    void malformedUserPreset_isListedWithItsError_andDoesNotHideTheOthers() throws IOException {
        ScenarioCatalog catalog = new ScenarioCatalog(userDir());
        catalog.save(mine("good"));
        Path bad = userDir().resolve("bad.json");
        Files.writeString(bad, "{\"name\": \"bad\", \"arrival\": {\"pattern\": \"poisson\", \"load\": -1}, \"jobs\": 1}");
        Files.writeString(userDir().resolve("garbage.json"), "{not json");
        Files.writeString(userDir().resolve("notes.txt"), "ignored: not a .json file");
        List<ScenarioCatalog.Entry> entries = catalog.list();
        ScenarioCatalog.Entry broken = entries.stream().filter(e -> e.name().equals("bad")).findFirst().orElseThrow();
        assertFalse(broken.isValid());
        assertTrue(broken.error().orElseThrow().contains(bad + ": arrival.load: must be > 0"), broken.summary());
        ScenarioCatalog.Entry garbage = entries.stream().filter(e -> e.name().equals("garbage")).findFirst().orElseThrow();
        assertTrue(garbage.summary().contains("malformed JSON at line 1"), garbage.summary());
        assertTrue(entries.stream().anyMatch(e -> e.name().equals("good") && e.isValid()));
        assertTrue(entries.stream().filter(e -> e.origin() == ScenarioCatalog.Origin.SHIPPED)
                .allMatch(ScenarioCatalog.Entry::isValid));
        assertFalse(catalog.names().contains("bad"));
        // Asking for the broken one by name says what is wrong with it.
        ScenarioException e = assertThrows(ScenarioException.class, () -> catalog.find("bad"));
        assertTrue(e.getMessage().contains("arrival.load"), e.getMessage());
    }

    @Test
    void find_byName_userShadowsShipped_orByPath() throws IOException {
        ScenarioCatalog catalog = new ScenarioCatalog(userDir());
        assertEquals("overload", catalog.find("overload").name());
        assertEquals(new ArrivalPattern.Poisson(2.0), catalog.find("overload").arrival());
        catalog.save(mine("overload"));
        assertEquals(new ArrivalPattern.Poisson(1.2), catalog.find("overload").arrival());
        Path elsewhere = home.resolve("exp.json");
        Files.writeString(elsewhere, ScenarioJson.toJson(mine("experiment")));
        assertEquals(mine("experiment"), catalog.find(elsewhere.toString()));
    }

    @Test
    void unknownName_listsTheAvailableOnes() {
        ScenarioCatalog catalog = new ScenarioCatalog(userDir());
        ScenarioException e = assertThrows(ScenarioException.class, () -> catalog.find("overlaod"));
        assertTrue(e.getMessage().startsWith("no preset named 'overlaod' and no such file (did you mean 'overload'?)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("available presets: seed-default, steady, overload, latency-critical, "
                + "batch-friendly, heavy-tail"), e.getMessage());
    }

    @Test
    void save_createsTheDirectory_andRoundTrips() throws IOException {
        ScenarioCatalog catalog = new ScenarioCatalog(userDir());
        Path written = catalog.save(mine("saved"));
        assertEquals(userDir().resolve("saved.json"), written);
        assertEquals(mine("saved"), ScenarioJson.read(written));
        assertEquals(mine("saved"), catalog.find("saved"));
        catalog.save(mine("saved").withDescription("changed"));
        assertEquals("changed", catalog.find("saved").description());
        try (var files = Files.list(userDir())) {
            assertEquals(List.of("saved.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void defaultUserDirectory_isUnderTheHome() {
        assertEquals(Path.of(System.getProperty("user.home"), ".helixrouter", "presets"),
                ScenarioCatalog.defaultUserDirectory());
    }
}
