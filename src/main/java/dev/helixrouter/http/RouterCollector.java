package dev.helixrouter.http;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.metrics.KindStats;
import dev.helixrouter.engine.metrics.LatencyHistogram;
import dev.helixrouter.engine.metrics.LatencyHistograms;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the router's latest {@link RouterSnapshot} into Prometheus metric families, at scrape
 * time.
 *
 * <p><b>Why a collector over the snapshot.</b> The engine already counts everything on its hot
 * path and publishes an immutable snapshot once per interval; reading it is free and steals no
 * interval from the lab or the adaptive layer (SPEC §6). Mirroring every count into Prometheus
 * counters as jobs end would put a second set of writes on the hot path for no gain, so this
 * class only <em>reads</em>: each scrape converts the snapshot in force. Values are therefore as
 * of the last closed interval ({@code metrics_interval_ms}, 1 s by default).
 *
 * <p><b>Latency.</b> Latencies are classic Prometheus <em>histograms</em> in seconds, from the
 * engine's since-start HdrHistograms cut into fixed buckets (10 µs … 10 s, +Inf) at each
 * interval close ({@link HelixRouter#latencyHistograms()}), so a fleet can add them up and take
 * {@code histogram_quantile} over all instances. {@code _sum} comes from the histogram (3
 * significant digits).
 *
 * <p>Every name follows the Prometheus conventions (base units, counters end in
 * {@code _total}); labels are {@code strategy}, {@code reason} and {@code kind}, with the wire
 * names used everywhere else ({@code cpu_pool}, {@code queue_full}, {@code HashMix}).
 */
final class RouterCollector implements MultiCollector {

    /** Strategies whose jobs run (and so have a latency): all but drop. */
    private static final List<Strategy> RUNNING = List.of(Strategy.INLINE, Strategy.SPAWN, Strategy.CPU_POOL,
            Strategy.BATCH);
    /** Strategies whose jobs wait in a queue first. */
    private static final List<Strategy> QUEUED = List.of(Strategy.CPU_POOL, Strategy.BATCH);

    private final HelixRouter router;

    RouterCollector(HelixRouter router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    @Override
    public MetricSnapshots collect() {
        RouterSnapshot s = router.snapshot();
        List<MetricSnapshot> out = new ArrayList<>(48);

        // ---- job counters
        out.add(counter("helix_jobs_submitted", "Jobs submitted to the router.", s.submitted()));
        out.add(perStrategy("helix_jobs_routed", "Jobs the router sent to each strategy (for drop: dropped by the "
                + "policy or the gate).", Strategy.values(), s, StrategyStats::routed));
        out.add(perStrategy("helix_jobs_completed", "Jobs that ran to completion, by strategy.", RUNNING, s,
                StrategyStats::completed));
        out.add(perStrategy("helix_jobs_met_budget", "Completed jobs that ended within their latency budget "
                + "(goodput), by strategy.", RUNNING, s, StrategyStats::met));
        out.add(perStrategy("helix_jobs_late", "Completed jobs that ended past their latency budget, by strategy.",
                RUNNING, s, StrategyStats::late));
        out.add(perStrategy("helix_jobs_failed", "Jobs whose work threw or was still running at the end of the "
                + "shutdown grace, by strategy.", RUNNING, s, StrategyStats::failed));
        CounterSnapshot.Builder dropped = CounterSnapshot.builder().name("helix_jobs_dropped")
                .help("Jobs dropped, by reason (backpressure, queue_full, spawn_full, deadline, pressure, shutdown, "
                        + "cancelled).");
        for (DropReason r : DropReason.values()) {
            dropped.dataPoint(counterPoint(s.droppedByReason().getOrDefault(r, 0L), "reason", r.wireName()));
        }
        out.add(dropped.build());
        out.add(gauge("helix_jobs_in_flight", "Jobs submitted and not yet ended.", null, s.inFlight()));

        // ---- per kind
        out.add(perKind("helix_kind_jobs_submitted", "Jobs submitted, by kind.", s, KindStats::routed));
        out.add(perKind("helix_kind_jobs_completed", "Jobs completed, by kind.", s, KindStats::completed));
        out.add(perKind("helix_kind_jobs_met_budget", "Jobs completed within budget, by kind.", s, KindStats::met));
        out.add(perKind("helix_kind_jobs_late", "Jobs completed past budget, by kind.", s, KindStats::late));
        out.add(perKind("helix_kind_jobs_dropped", "Jobs dropped for any reason, by kind.", s, KindStats::dropped));
        out.add(perKind("helix_kind_jobs_failed", "Jobs failed, by kind.", s, KindStats::failed));

        // ---- latency (classic histograms in seconds, since start: aggregatable across a fleet)
        LatencyHistograms h = router.latencyHistograms();
        out.add(histogram("helix_job_latency_seconds", "End-to-end latency (intended start to end) since start, by "
                + "strategy.", "strategy", h.latency()));
        out.add(histogram("helix_job_queue_wait_seconds", "Time queued jobs waited before running (intended start "
                + "to start of execution) since start, by strategy.", "strategy", h.queueWait()));
        out.add(histogram("helix_job_service_seconds", "Execution time (start of execution to end) since start, by "
                + "strategy.", "strategy", h.service()));
        out.add(histogram("helix_kind_job_latency_seconds", "End-to-end latency since start, by kind.", "kind",
                h.kinds()));

        // ---- the CPU lane, spawn and batches
        out.add(gauge("helix_cpu_queue_depth", "Jobs and batches waiting in the CPU lane's queue.", null,
                s.queueDepth()));
        out.add(gauge("helix_cpu_queue_capacity", "The CPU lane queue's bound (cpu_queue_cap in force).", null,
                s.queueCapacity()));
        out.add(gauge("helix_cpu_busy_workers", "CPU lane workers executing a task.", null, s.cpuBusy()));
        out.add(gauge("helix_cpu_stuck_tasks",
                "CPU lane tasks running far beyond their budget, each compensated by an extra worker.", null,
                s.cpuStuck()));
        out.add(gauge("helix_cpu_parallelism", "CPU lane workers configured (cpu_parallelism in force).", null,
                s.parallelism()));
        out.add(gauge("helix_spawned_in_flight", "Spawned virtual threads running a job.", null,
                s.spawnedInFlight()));
        GaugeSnapshot.Builder batches = GaugeSnapshot.builder().name("helix_batch_buffer_depth")
                .help("Jobs waiting in each kind's batch buffer.");
        for (Map.Entry<String, Integer> e : s.batchDepths().entrySet()) {
            batches.dataPoint(gaugePoint(e.getValue(), "kind", e.getKey()));
        }
        out.add(batches.build());

        // ---- adaptive state
        out.add(gauge("helix_pressure_internal_ratio", "The router's own pressure score, 0 to 1.", Unit.RATIO,
                s.pressure().internal()));
        out.add(gauge("helix_pressure_external_ratio", "Pressure reported by an upstream system (POST /api/telemetry), "
                + "0 to 1; 0 once its TTL expired.", Unit.RATIO, s.pressure().external()));
        out.add(gauge("helix_pressure_effective_ratio", "max(internal, external) pressure: what the gate sheds on, 0 to 1.",
                Unit.RATIO, s.pressure().effective()));
        out.add(gauge("helix_spawn_threshold", "The spawn threshold in force (adaptive, or the configured "
                + "spawn_threshold).", null, s.adaptiveSpawnThreshold()));
        out.add(gauge("helix_config_version", "Version of the router config in force (grows by one per applied "
                + "change).", null, s.configVersion()));
        out.add(gauge("helix_uptime_seconds", "Router uptime at the last closed metrics interval.", null,
                s.uptimeNanos() / 1e9));
        out.add(counter("helix_decisions_published", "Routing decisions published to the decision stream.",
                s.decisionsPublished()));
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterDataPointSnapshot counterPoint(double value, String label, String labelValue) {
        return CounterDataPointSnapshot.builder().labels(Labels.of(label, labelValue)).value(value).build();
    }

    private static CounterSnapshot perStrategy(String name, String help, Strategy[] strategies, RouterSnapshot s,
                                               Function<StrategyStats, Long> value) {
        return perStrategy(name, help, List.of(strategies), s, value);
    }

    private static CounterSnapshot perStrategy(String name, String help, List<Strategy> strategies, RouterSnapshot s,
                                               Function<StrategyStats, Long> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (Strategy st : strategies) {
            b.dataPoint(counterPoint(value.apply(s.strategy(st)), "strategy", st.wireName()));
        }
        return b.build();
    }

    private static CounterSnapshot perKind(String name, String help, RouterSnapshot s,
                                           Function<KindStats, Long> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (Map.Entry<String, KindStats> e : s.kinds().entrySet()) {
            b.dataPoint(counterPoint(value.apply(e.getValue()), "kind", e.getKey()));
        }
        return b.build();
    }

    private static GaugeSnapshot gauge(String name, String help, Unit unit, double value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        return b.dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeDataPointSnapshot gaugePoint(double value, String label, String labelValue) {
        return GaugeDataPointSnapshot.builder().labels(Labels.of(label, labelValue)).value(value).build();
    }

    private static <K> HistogramSnapshot histogram(String name, String help, String label,
                                                   Map<K, LatencyHistogram> series) {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS);
        for (Map.Entry<K, LatencyHistogram> e : series.entrySet()) {
            K key = e.getKey();
            LatencyHistogram l = e.getValue();
            String value = key instanceof Strategy st ? st.wireName() : key.toString();
            b.dataPoint(HistogramDataPointSnapshot.builder()
                    .labels(Labels.of(label, value))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(l.upperBoundsSeconds(), l.counts()))
                    .sum(l.sumSeconds())
                    .build());
        }
        return b.build();
    }
}
