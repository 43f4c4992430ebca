package dev.helixrouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code helixrouter serve} for real, on port 0: the "lifetime" the test injects makes its requests
 * while the command serves, then returns, and the command shuts everything down and exits.
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    /** While serving: gets the running server and may throw to fail the test. */
    @FunctionalInterface
    private interface WhileServing {
        void check(ServeCommand.Running running) throws Exception;
    }

    private Result serve(Map<String, String> env, WhileServing whileServing, String... args) {
        Throwable[] failure = new Throwable[1];
        ServeCommand serve = new ServeCommand(env, new ScenarioCatalog(dir.resolve("presets")),
                new CalibrationCache(dir.resolve("calibration.json")),
                () -> Calibrator.builder().warmupNanos(10_000_000).samples(3).minBatchNanos(10_000)
                        .costs(JobKind.HASH_MIX, 1_000, 64_000)
                        .costs(JobKind.PRIME_COUNT, 10_000, 100_000)
                        .costs(JobKind.MONTE_CARLO_RISK, 1_000_000, 2_000_000),
                running -> {
                    try {
                        whileServing.check(running);
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                });
        CommandLine cl = Launcher.commandLine(env, options -> 0, RunCommand.standard(env), serve);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        if (failure[0] != null) {
            throw new AssertionError("while serving: " + failure[0] + "\nout:\n" + out + "\nerr:\n" + err, failure[0]);
        }
        return new Result(code, out.toString(), err.toString());
    }

    private static HttpResponse<String> send(ServeCommand.Running r, String method, String path, String body,
                                             String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.server().uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serve_runsTheWarmUp_andServesItsNumbers_untilStopped() {
        Result r = serve(Map.of("HELIX_SIM_JOBS", "60"), running -> {
            assertTrue(running.simulation().isPresent());
            running.simulation().get().done().get(60, TimeUnit.SECONDS);
            TestSupport.awaitTrue("final numbers published", () -> running.router().snapshot().submitted() == 60);
            JsonNode stats = JSON.readTree(send(running, "GET", "/api/stats", null).body());
            assertEquals(60, stats.get("submitted").asLong());
            assertEquals(60, stats.get("completed").asLong() + stats.get("dropped").asLong()
                    + stats.get("failed").asLong());
            assertEquals(GateMode.BUSY, running.router().currentConfig().config().backpressureGate(),
                    "the warm-up is the seed-default preset, with the original's busy gate");
            assertEquals(200, send(running, "GET", "/health", null).statusCode());
        }, "serve", "--addr", "127.0.0.1:0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("helixrouter serve: listening on http://127.0.0.1:"), r.out());
        assertTrue(r.out().contains("simulator: scenario seed-default, seed 7, 60 jobs"), r.out());
    }

    @Test
    void serve_noSim_servesTheBareEngine() {
        Result r = serve(Map.of(), running -> {
            assertTrue(running.simulation().isEmpty());
            assertEquals(0, running.router().snapshot().submitted());
            assertEquals(GateMode.DEADLINE, running.router().currentConfig().config().backpressureGate());
            assertEquals(200, send(running, "PATCH", "/api/config", "{\"batch_max_size\": 5}").statusCode());
        }, "serve", "--no-sim", "--addr", "127.0.0.1:0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no simulator"), r.out());
    }

    @Test
    void serve_drivesAnotherScenario() {
        Result r = serve(Map.of(), running -> {
            running.simulation().orElseThrow().done().get(60, TimeUnit.SECONDS);
            TestSupport.awaitTrue("all 40 jobs counted", () -> running.router().sampleNow().submitted() == 40);
        }, "serve", "--addr", "127.0.0.1:0", "--scenario", "steady", "--jobs", "40", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("scenario steady, seed 3, 40 jobs"), r.out());
    }

    @Test
    void serve_beyondLoopbackWithAToken_guardsWrites() {
        Result r = serve(Map.of("HELIX_API_TOKEN", "tok-123"), running -> {
            assertEquals(401, send(running, "PATCH", "/api/config", "{}").statusCode());
            assertEquals(200, send(running, "PATCH", "/api/config", "{}", "Authorization", "Bearer tok-123")
                    .statusCode());
            assertEquals(200, send(running, "GET", "/api/stats", null).statusCode());
        }, "serve", "--no-sim", "--addr", "0.0.0.0:0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Authorization: Bearer"), r.out());
    }

    @Test
    void serve_appliesTheConfigFile_andReloadsIt() throws IOException {
        Path file = dir.resolve("helix.json");
        Files.writeString(file, "{\"batch_max_size\": 21}");
        Result r = serve(Map.of("HELIX_CONFIG_PATH", file.toString()), running -> {
            assertEquals(21, running.router().currentConfig().config().batchMaxSize());
            Files.writeString(file, "{\"batch_max_size\": 22, \"inline_threshold\": 7000}");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() + 2000));
            TestSupport.awaitTrue("reloaded", () -> running.router().currentConfig().config().batchMaxSize() == 22);
            String metrics = send(running, "GET", "/metrics", null).body();
            assertTrue(metrics.contains("helix_config_file_checks_total{result=\"applied\"}"), metrics);
        }, "serve", "--no-sim", "--addr", "127.0.0.1:0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("config file " + file), r.out());
    }

    @Test
    void serve_refusesAnInvalidOrMissingConfigFile_withExit1() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"batch_max_size\": 0, \"inline_treshold\": 5}");
        Result bad = serve(Map.of("HELIX_CONFIG_PATH", file.toString()), running -> {
            throw new AssertionError("must not serve");
        }, "serve", "--no-sim", "--addr", "127.0.0.1:0");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("is not a valid config: 2 problems"), bad.err());
        assertTrue(bad.err().contains("batch_max_size") && bad.err().contains("inline_treshold"), bad.err());
        Result missing = serve(Map.of(), running -> {
            throw new AssertionError("must not serve");
        }, "serve", "--no-sim", "--addr", "127.0.0.1:0", "--config", dir.resolve("none.json").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void serve_onAPortInUse_exits1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = serve(Map.of(), running -> {
                throw new AssertionError("must not serve");
            }, "serve", "--no-sim", "--addr", "127.0.0.1:" + taken.getLocalPort());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }

    @Test
    void serve_refusesAnUnknownScenario_withExit2() {
        Result r = serve(Map.of(), running -> {
            throw new AssertionError("must not serve");
        }, "serve", "--scenario", "stedy");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("did you mean 'steady'"), r.err());
    }

    @Test
    void serve_readsItsAddressFromTheEnvironment() {
        Result r = serve(Map.of("HELIX_HTTP_ADDR", "127.0.0.1:0"), running ->
                assertEquals(URI.create("http://127.0.0.1:" + running.server().address().getPort() + "/"),
                        running.server().uri()), "serve", "--no-sim");
        assertEquals(0, r.code(), r.err());
    }
}
