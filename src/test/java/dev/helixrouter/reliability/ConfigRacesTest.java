package dev.helixrouter.reliability;

import static dev.helixrouter.reliability.Reliability.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.config.AppliedConfig;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.http.BindAddress;
import dev.helixrouter.http.ConfigFileWatcher;
import dev.helixrouter.http.HelixHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config writers racing each other under load: patches, replaces, slider-style patches naming
 * the version they started from, HTTP writes (PATCH and POST, with {@code If-Match}) and hot
 * reloads of a config file rewritten in place or swapped, valid and invalid.
 *
 * <p>Every write carries a <em>signature</em>: a token {@code t} spread over seven keys (see
 * {@link #signed}). A config applied in part would mix two tokens, so every config anyone
 * observes — each version the store's listeners hear of, the config read back by pollers and by
 * HTTP, the version each snapshot names — must carry one whole signature, of a write that was
 * valid and submitted. Writes that break a rule carry tokens of their own that must never be
 * seen; writers naming a stale version must be refused.
 */
class ConfigRacesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final RouterConfig BASE = RouterConfig.defaults(2).toBuilder().metricsIntervalMs(20).build();

    private final Set<Integer> validTokens = ConcurrentHashMap.newKeySet();
    private final Set<Integer> invalidTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextToken = new AtomicInteger(1);
    private final Map<Long, RouterConfig> heard = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder observations = new LongAdder();

    // ---------------------------------------------------------------- signatures

    /** {@code base} carrying token {@code t} over seven keys. */
    private static RouterConfig signed(RouterConfig base, int t) {
        return base.toBuilder().inlineThreshold(1_000 + t).spawnThreshold(60_000 + t).cpuParallelism(1 + t % 3)
                .cpuQueueCap(64 + t).batchMaxDelayMs(1 + t % 50).emaAlpha((1 + t % 1_000) / 1_000.0)
                .batchMaxSize(1 + t % 16).build();
    }

    /** The seven keys of token {@code t} as a sparse document; {@code broken} breaks a rule in it. */
    private static String signatureJson(int t, boolean broken) {
        return String.format(Locale.ROOT, "{\"inline_threshold\": %d, \"spawn_threshold\": %d, \"cpu_parallelism\": %d,"
                        + " \"cpu_queue_cap\": %d, \"batch_max_delay_ms\": %d, \"ema_alpha\": %s, \"batch_max_size\": %d}",
                1_000 + t, 60_000 + t, 1 + t % 3, 64 + t, 1 + t % 50, Double.toString((1 + t % 1_000) / 1_000.0),
                broken ? 0 : 1 + t % 16);
    }

    private int token(boolean valid) {
        int t = nextToken.getAndIncrement();
        (valid ? validTokens : invalidTokens).add(t);
        return t;
    }

    /** Checks that {@code c} is valid and carries one whole signature of a valid, submitted write. */
    private void observe(RouterConfig c, String where) {
        observations.increment();
        if (!c.violations().isEmpty()) {
            violations.add(where + ": an invalid config is in force: " + c.violations());
            return;
        }
        int t = (int) (c.inlineThreshold() - 1_000);
        if (!signed(c, t).equals(c)) {
            violations.add(where + ": a partially applied config (keys of different writes): " + c);
        } else if (invalidTokens.contains(t)) {
            violations.add(where + ": the refused write " + t + " is in force");
        } else if (t != 0 && !validTokens.contains(t)) {
            violations.add(where + ": token " + t + " was never written");
        }
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    // ---------------------------------------------------------------- the race

    @Test
    void racingWriters_neverLeaveAPartialConfig_andStaleWritersAreRefused(@TempDir Path dir) throws Exception {
        // Hundreds of refused files and applied versions: keep their log lines out of the build's output.
        try (Quiet quiet = Quiet.loggers(ConfigFileWatcher.class, HelixRouter.class, HelixHttpServer.class)) {
            race(dir);
        }
    }

    private void race(Path dir) throws Exception {
        int ops = Reliability.scale(100, 5_000);
        Path file = dir.resolve("helix-config.json");
        HelixRouter router = HelixRouter.builder().config(signed(BASE, 0)).threadPrefix("races-router").build();
        ConfigStore store = router.config();
        store.addListener(u -> {
            AppliedConfig cur = u.current();
            if (cur.version() != u.previous().version() + 1) {
                violations.add("listener: version " + cur.version() + " after " + u.previous().version());
            }
            if (heard.put(cur.version(), cur.config()) != null) {
                violations.add("listener: version " + cur.version() + " heard twice");
            }
            observe(cur.config(), "listener v" + cur.version());
        });
        ConfigFileWatcher watcher = new ConfigFileWatcher(store, file, BASE, Duration.ofMillis(5));
        try (router;
             HelixHttpServer http = HelixHttpServer.builder(router).bind(BindAddress.parse("127.0.0.1:0"))
                     .threadPrefix("races-http").configWatcher(watcher).start();
             watcher;
             OpenLoopLoad load = new OpenLoopLoad(router, "races-caller", 2, 2_000, 7, OpenLoopLoad.each(
                     id -> new Job(id, JobKind.of("Race" + id % 3), new long[] {id}, (id * 7_919) % 150_000,
                             (id % 10) / 10.0, 50), id -> () -> id))) {
            watcher.start("races-config-watch");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            writers.add(writer("patch", go, ops, rnd -> patch(store, rnd)));
            writers.add(writer("replace", go, ops, rnd -> replace(store, rnd)));
            writers.add(writer("slider", go, ops, rnd -> slider(store, rnd)));
            writers.add(writer("http", go, ops, rnd -> http(client, http.uri(), rnd)));
            writers.add(writer("file", go, ops, rnd -> file(watcher, file, rnd)));
            Thread poller = Thread.ofPlatform().name("races-poller").start(() -> {
                long lastVersion = 0;
                while (writers.stream().anyMatch(Thread::isAlive)) {
                    AppliedConfig a = router.currentConfig();
                    observe(a.config(), "poller v" + a.version());
                    if (a.version() < lastVersion) {
                        violations.add("poller: version went back from " + lastVersion + " to " + a.version());
                    }
                    lastVersion = a.version();
                    RouterSnapshot s = router.snapshot();
                    if (s.configVersion() > store.current().version()) {
                        violations.add("snapshot names version " + s.configVersion() + " before it was applied");
                    }
                    LockSupport.parkNanos(100_000);
                }
            });
            go.countDown();
            for (Thread w : writers) {
                w.join(BOUND);
                assertTrue(!w.isAlive(), w.getName() + " finished");
            }
            poller.join(BOUND);
            watcher.close();
            load.stop();
            Reliability.awaitTrue(BOUND, "every job ended", () -> load.ended() == load.submitted());

            AppliedConfig last = store.current();
            observe(last.config(), "final v" + last.version());
            RouterSnapshot s = router.sampleNow();
            assertEquals(last.version(), s.configVersion());
            assertEquals(last.config().cpuParallelism(), s.parallelism(), "the lane runs the config in force");
            assertEquals(last.config().cpuQueueCap(), s.queueCapacity(), "the queue bound of the config in force");
            assertEquals(last.version() - 1, heard.size(), "the listener heard every version once");
            for (long v = 2; v <= last.version(); v++) {
                observe(heard.get(v), "heard v" + v);
            }
            assertEquals(load.submitted(), s.submitted());
            assertEquals(0, s.inFlight());
            assertEquals(s.submitted(), s.completed() + s.dropped() + s.failed());
            assertTrue(violations.isEmpty(), violations.size() + " violations, first: " + violations.peek());
            assertEquals(counts.getOrDefault("slider forced stale", new LongAdder()).sum(),
                    counts.getOrDefault("slider forced stale refused", new LongAdder()).sum(), "every stale writer refused");

            record("races", "writes", 5L * ops);
            record("races", "versions_applied", last.version() - 1);
            record("races", "configs_observed_and_checked", observations.sum());
            record("races", "jobs_during_the_race", s.submitted());
            counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> record("races", e.getKey().replace(' ', '_'), e.getValue().sum()));
        }
    }

    private interface Op {
        void run(SplittableRandom rnd) throws Exception;
    }

    private Thread writer(String name, CountDownLatch go, int ops, Op op) {
        long seed = name.hashCode();
        return Thread.ofPlatform().name("races-" + name).start(() -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            try {
                go.await();
                for (int i = 0; i < ops; i++) {
                    op.run(rnd);
                }
            } catch (Exception | AssertionError e) {
                violations.add(name + " writer: " + e);
            }
        });
    }

    private void patch(ConfigStore store, SplittableRandom rnd) {
        boolean valid = rnd.nextInt(4) != 0;
        int t = token(valid);
        ConfigUpdate u = store.patch(RouterConfigJson.parsePatch(signatureJson(t, !valid)));
        expect(valid ? u instanceof ConfigUpdate.Applied : u instanceof ConfigUpdate.Rejected, "patch", u);
    }

    private void replace(ConfigStore store, SplittableRandom rnd) {
        boolean valid = rnd.nextInt(4) != 0;
        int t = token(valid);
        RouterConfig next = signed(BASE, t);
        ConfigUpdate u = store.replace(valid ? next : next.toBuilder().cpuQueueCap(0).build());
        expect(valid ? u instanceof ConfigUpdate.Applied : u instanceof ConfigUpdate.Rejected, "replace", u);
    }

    /** A debounced slider: it read a version, then patches naming it; a stale one must be refused. */
    private void slider(ConfigStore store, SplittableRandom rnd) {
        AppliedConfig seen = store.current();
        Thread.yield(); // let other writers in between reading and writing
        boolean stale = seen.version() > 1 && rnd.nextInt(5) == 0;
        long expected = stale ? seen.version() - 1 : seen.version();
        int t = token(true);
        ConfigUpdate u = store.patch(ConfigPatch.between(seen.config(), signed(seen.config(), t)),
                OptionalLong.of(expected));
        if (stale) {
            count("slider forced stale");
            if (u instanceof ConfigUpdate.Conflict c && c.expectedVersion() == expected && c.currentVersion() > expected) {
                count("slider forced stale refused");
            }
        } else if (u instanceof ConfigUpdate.Applied a) {
            expect(a.previous().version() == expected, "slider applied over version " + a.previous().version(), u);
        } else {
            expect(u instanceof ConfigUpdate.Conflict c && c.currentVersion() != expected, "slider conflict", u);
        }
    }

    private void http(HttpClient client, URI base, SplittableRandom rnd) throws IOException, InterruptedException {
        HttpResponse<String> got = client.send(HttpRequest.newBuilder(base.resolve("/api/config")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        expect(got.statusCode() == 200, "GET /api/config " + got.statusCode(), got.body());
        JsonNode doc = JSON.readTree(got.body());
        observe(RouterConfigJson.fromTree(doc.get("config"), BASE), "GET /api/config v" + doc.get("version"));
        boolean valid = rnd.nextInt(4) != 0;
        int t = token(valid);
        boolean patch = rnd.nextBoolean();
        long ifMatch = rnd.nextInt(3) == 0 ? doc.get("version").asLong() - 1 : doc.get("version").asLong();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/api/config"))
                .header("If-Match", "\"" + ifMatch + "\"").header("Content-Type", "application/json")
                .method(patch ? "PATCH" : "POST", HttpRequest.BodyPublishers.ofString(signatureJson(t, !valid)))
                .build(), HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        count("http " + status);
        if (!valid) {
            expect(status == 422 || status == 409, "invalid HTTP write answered " + status, r.body());
        } else {
            expect(status == 200 || status == 409, "HTTP write answered " + status, r.body());
        }
        if (status == 409) {
            JsonNode c = JSON.readTree(r.body());
            expect(c.get("current_version").asLong() != c.get("expected_version").asLong(), "409 without a conflict",
                    r.body());
        }
    }

    /** Rewrites the watched file, valid or not, in place or swapped in whole, then checks it at once or lets it poll. */
    private void file(ConfigFileWatcher watcher, Path file, SplittableRandom rnd) throws IOException {
        int kind = rnd.nextInt(6);
        String text;
        if (kind == 0) {
            text = signatureJson(token(false), true);
        } else if (kind == 1) {
            String doc = signatureJson(nextToken.getAndIncrement(), false);
            text = doc.substring(0, rnd.nextInt(doc.length())); // a torn write: never valid JSON
        } else {
            text = signatureJson(token(true), false);
        }
        if (rnd.nextBoolean()) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.writeString(file, text, StandardCharsets.UTF_8); // truncated, then written: a poll may see it torn
        }
        if (rnd.nextBoolean()) {
            count("file check " + watcher.checkNow().name().toLowerCase(Locale.ROOT));
        }
    }

    private void expect(boolean ok, String what, Object detail) {
        if (!ok) {
            violations.add(what + ": " + detail);
        }
    }
}
