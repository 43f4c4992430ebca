package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics}: the values match the snapshot, the names follow Prometheus's rules, and promtool agrees. */
class MetricsTest {
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** A router that has used every strategy (both gates), behind a server that also watches a config file. */
    private HttpFixture busyFixture(Path configFile) throws IOException {
        Files.writeString(configFile, "{\"batch_max_size\": 4, \"cpu_parallelism\": 2, \"metrics_interval_ms\": 100}");
        HttpFixture http = HttpFixture.start(r -> { }, (router, s) -> s.configWatcher(new ConfigFileWatcher(
                router.config(), configFile, RouterConfig.defaults(2), Duration.ofSeconds(1))));
        http.runJobs(300, 7);
        http.router.config().patch(ConfigPatch.builder().set(ConfigKey.BACKPRESSURE_GATE, GateMode.BUSY).build());
        http.runJobs(300, 8);
        http.idleSnapshot();
        return http;
    }

    @Test
    void theValues_areTheSnapshots() throws IOException {
        try (HttpFixture http = busyFixture(dir.resolve("c.json"))) {
            RouterSnapshot s = http.router.sampleNow();
            Map<String, Double> m = samples(http.get("/metrics").body());
            assertEquals(s.submitted(), m.get("helix_jobs_submitted_total"));
            for (Strategy st : Strategy.values()) {
                assertEquals(s.routed(st), m.get("helix_jobs_routed_total{strategy=\"" + st.wireName() + "\"}"), st
                        .wireName());
            }
            for (Strategy st : new Strategy[] {Strategy.INLINE, Strategy.SPAWN, Strategy.CPU_POOL, Strategy.BATCH}) {
                String l = "{strategy=\"" + st.wireName() + "\"}";
                assertEquals(s.strategy(st).completed(), m.get("helix_jobs_completed_total" + l));
                assertEquals(s.strategy(st).met(), m.get("helix_jobs_met_budget_total" + l));
                assertEquals(s.strategy(st).late(), m.get("helix_jobs_late_total" + l));
                assertEquals(s.strategy(st).latency().count(), m.get("helix_job_latency_seconds_count" + l));
                assertTrue(s.strategy(st).latency().count() > 0, st + " was used");
                // Classic histogram: cumulative buckets ending at +Inf = count, and the bucket where
                // the cumulative count first reaches 99 % holds the engine's own p99.
                String prefix = "helix_job_latency_seconds_bucket{strategy=\"" + st.wireName() + "\",le=\"";
                java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
                for (Map.Entry<String, Double> e : m.entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        String le = e.getKey().substring(prefix.length(), e.getKey().length() - 2);
                        buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), e.getValue());
                    }
                }
                assertEquals(20, buckets.size(), "19 bounds and +Inf: " + buckets);
                assertEquals((double) s.strategy(st).latency().count(), buckets.lastEntry().getValue());
                double previous = 0;
                double p99Bound = Double.NaN;
                for (Map.Entry<Double, Double> b : buckets.entrySet()) {
                    assertTrue(b.getValue() >= previous, "cumulative");
                    previous = b.getValue();
                    if (Double.isNaN(p99Bound) && b.getValue() >= 0.99 * s.strategy(st).latency().count()) {
                        p99Bound = b.getKey();
                    }
                }
                double p99 = s.strategy(st).latency().p99Micros() / 1e6;
                assertTrue(p99 <= p99Bound * 1.001, st + ": p99 " + p99 + " within its bucket " + p99Bound);
            }
            double dropped = 0;
            for (DropReason r : DropReason.values()) {
                dropped += m.get("helix_jobs_dropped_total{reason=\"" + r.wireName() + "\"}");
            }
            assertEquals(s.dropped(), dropped);
            assertEquals(s.configVersion(), m.get("helix_config_version"));
            assertEquals(s.parallelism(), m.get("helix_cpu_parallelism"));
            assertEquals(s.queueCapacity(), m.get("helix_cpu_queue_capacity"));
            assertEquals(s.kinds().get("PrimeCount").routed(), m.get("helix_kind_jobs_submitted_total{kind=\"PrimeCount\"}"));
            // the books balance in PromQL terms too: submitted = completed + dropped + failed
            double completed = 0;
            double failed = 0;
            for (Map.Entry<String, Double> e : m.entrySet()) {
                if (e.getKey().startsWith("helix_jobs_completed_total{")) {
                    completed += e.getValue();
                }
                if (e.getKey().startsWith("helix_jobs_failed_total{")) {
                    failed += e.getValue();
                }
            }
            assertEquals(s.submitted(), completed + dropped + failed);
        }
    }

    @Test
    void theNames_followPrometheusConventions() throws IOException {
        try (HttpFixture http = busyFixture(dir.resolve("c.json"))) {
            String text = http.get("/metrics").body();
            Matcher t = TYPE.matcher(text);
            int families = 0;
            while (t.find()) {
                families++;
                String name = t.group(1);
                String type = t.group(2);
                assertTrue(name.startsWith("helix_"), name);
                assertTrue(name.matches("[a-z_]+"), name);
                assertEquals(type.equals("counter"), name.endsWith("_total"), name + " is a " + type);
                assertTrue(text.contains("# HELP " + name + " "), "help for " + name);
                if (name.contains("latency") || name.contains("wait") || name.contains("service")) {
                    assertTrue(name.endsWith("_seconds"), name + " is in seconds");
                }
                assertTrue(!name.contains("millis") && !name.contains("_ms") && !name.contains("micros"), name);
            }
            assertTrue(families >= 30, families + " families");
            assertTrue(text.contains("helix_config_file_checks_total{result=\"unchanged\"}"), text);
        }
    }

    @Test
    void promtool_checkMetrics_findsNoProblem() throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        try (HttpFixture http = busyFixture(dir.resolve("c.json"));
             SseClient sse = SseClient.open(http, "/api/stream/decisions")) {
            sse.awaitComment("connected");
            http.send("POST", "/api/telemetry", "{\"pressure\": 0.3}");
            String text = http.get("/metrics").body();
            Files.writeString(dir.resolve("metrics.txt"), text);
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String out = readAll(p.getInputStream());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
            assertEquals(0, p.exitValue(), "promtool check metrics:\n" + out + "\n--- on:\n" + text);
            assertEquals("", out.strip(), "promtool found problems:\n" + out);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Every sample line as {@code name{labels}} to value. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }
}
