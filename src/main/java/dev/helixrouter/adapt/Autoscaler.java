package dev.helixrouter.adapt;

import dev.helixrouter.engine.config.AutoscalerMode;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sizes the CPU lane for the load that is coming (SPEC §7): once per metrics interval it forecasts
 * the arrival rate and recommends {@code cpu_parallelism} and {@code cpu_queue_cap}; in mode
 * {@code apply} it also patches them into the live config.
 *
 * <pre>{@code
 * AtomicReference<HelixRouter> built = new AtomicReference<>();
 * Autoscaler autoscaler = new Autoscaler(
 *         () -> built.get() == null ? initial : built.get().currentConfig().config(),
 *         () -> Optional.ofNullable(built.get()).map(HelixRouter::config));
 * built.set(builder.config(initial).onInterval(autoscaler).extension("autoscaler", autoscaler::state).build());
 * }</pre>
 *
 * <p><b>Forecast.</b> A ring of per-interval samples (time, arrivals, completions, pressure, drops)
 * over the last {@code autoscaler_window_s}; a least-squares line through the arrival rate,
 * extrapolated {@code autoscaler_horizon_s} ahead (never further than the history it was fitted
 * to) and never below zero.
 *
 * <p><b>Which rate, which population.</b> {@code observed_rate} and {@code forecast_rate} count
 * <em>every</em> arrival, in jobs per second: the lab plots them against the router's submitted
 * rate. Only part of them reach the lane, so the lane is sized from
 * {@code lane_rate = forecast_rate × lane_share}, where {@code lane_share} is the window's share of
 * arrivals bound for the lane: routed to {@code cpu_pool} or {@code batch}, or shed by the gate on
 * their way there (a lane too small for its load sheds the excess; sizing it by what it admitted
 * would keep it small). The service time is the mean of the same population: the service times of
 * the window's {@code cpu_pool} and {@code batch} completions, weighted by count, in seconds.
 * (A batch run by a {@code BatchHandler} records the whole batch's time for each of its jobs, so
 * with such handlers the estimate errs on the large side.)
 *
 * <p><b>Recommendation.</b>
 * <pre>
 *   workers = lane_rate [jobs/s] × mean service [s]             (Little's law: busy workers)
 *   cpu_parallelism = ceil(workers), clamped to [autoscaler_min_parallelism, autoscaler_max_parallelism]
 *   cpu_queue_cap   = floor(cpu_parallelism ÷ mean service [s] × cpu_p95_budget_ms [s]),
 *                     clamped to [cpu_parallelism, 4096]
 * </pre>
 * The queue bound is the number of jobs the lane can still finish within the latency budget it
 * is tuned for ({@code cpu_p95_budget_ms}): a job queued behind more would be late anyway, and is
 * better refused at once ({@code queue_full}) than kept waiting.
 *
 * <p><b>Against flapping.</b> The parallelism grows as soon as Little's law asks for more workers
 * than the lane has (a lane one worker short queues without bound), and shrinks only when it
 * asks for more than {@code autoscaler_hysteresis} workers fewer; neither within
 * {@code autoscaler_cooldown_s} of the last change (on the router's clock: the snapshots' close
 * times). The queue bound follows the parallelism, and otherwise moves only when it is off by more
 * than {@value #QUEUE_CAP_BAND_PERCENT}%, also not within the cooldown. A current value outside the
 * configured bounds is brought inside at once. The current value is the last recommendation in
 * mode {@code recommend}, and the lane's configured size in mode {@code apply}, so an edit within
 * the hysteresis band stands. In mode {@code apply} the cooldown starts when a change is applied,
 * not when it is refused.
 *
 * <p><b>Apply.</b> The patch names the version of the config in force when the interval closed
 * ({@link RouterSnapshot#configVersion()}). If another writer changed the config since, the store
 * refuses it: the other writer's change stands, the refusal is in the state, and the autoscaler
 * decides again on the next interval from the new config. An explicit
 * {@code backpressure_busy_threshold} above the new parallelism is lowered to it in the same
 * patch, so the patched config stays valid.
 *
 * <p><b>Modes.</b> {@code off}: no samples, no state but the mode. {@code recommend}: state only.
 * {@code apply}: state, and the patches.
 *
 * <p>Thread-safe: {@link #accept} runs on the sampler thread (serialised); {@link #state} reads
 * one published immutable map.
 */
public final class Autoscaler implements Consumer<RouterSnapshot> {
    /** Largest queue bound recommended. */
    public static final int MAX_QUEUE_CAP = 4096;
    /** How far, in percent, the ideal queue bound may drift before the recommendation follows on its own. */
    public static final int QUEUE_CAP_BAND_PERCENT = 25;

    private final Supplier<RouterConfig> config;
    private final Supplier<Optional<ConfigStore>> store;
    private final AutoscalerWindow window = new AutoscalerWindow();
    private volatile Map<String, Object> state;

    // Guarded by this (the sampler thread).
    private int heldParallelism = -1;
    private int heldQueueCap = -1;
    private long lastChangeNanos;
    private boolean changedOnce;
    private double lastServiceMicros = Double.NaN;

    /**
     * An autoscaler reading its keys from {@code config} (the live config) and applying to the
     * store that {@code store} returns, once there is one: until then, mode {@code apply} only
     * recommends and says why.
     */
    public Autoscaler(Supplier<RouterConfig> config, Supplier<Optional<ConfigStore>> store) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** An autoscaler reading and applying to {@code store}. */
    public Autoscaler(ConfigStore store) {
        this(Objects.requireNonNull(store, "store")::config, () -> Optional.of(store));
    }

    /**
     * The state for the snapshot extension {@code autoscaler}: {@code mode} and, unless off,
     * {@code observed_rate} and {@code forecast_rate} (arrivals/s), {@code horizon_secs},
     * {@code trend_per_sec} (arrivals/s per second), {@code window_secs}, {@code samples},
     * {@code lane_share}, {@code lane_rate} (lane-bound arrivals/s forecast),
     * {@code mean_service_ms}, {@code required_workers} (Little's law, unrounded),
     * {@code recommended_parallelism}, {@code recommended_queue_cap}, {@code queue_budget_ms},
     * {@code current_parallelism}, {@code current_queue_cap} (the lane as of the snapshot),
     * {@code cooldown_left_secs}, {@code pressure} (mean effective pressure over the window),
     * {@code completion_rate}, {@code drop_rate} (per second over the window),
     * {@code apply_status} (mode apply), {@code apply_refused} (when the last apply was refused),
     * {@code applied_version} and {@code reason}, in words. Fields that are not known yet are left
     * out. JSON-friendly: strings, numbers and booleans only.
     */
    public Map<String, Object> state() {
        Map<String, Object> s = state;
        if (s != null) {
            return s;
        }
        AutoscalerMode mode = config.get().autoscalerMode();
        return mode == AutoscalerMode.OFF ? Map.of("mode", mode.wireName())
                : Map.of("mode", mode.wireName(), "reason", "waiting for the first metrics interval");
    }

    /** Takes one closed interval in and decides (called on the sampler thread). */
    @Override
    public synchronized void accept(RouterSnapshot s) {
        RouterConfig cfg = config.get();
        boolean sampled = window.add(s, cfg.autoscalerWindowS() * 1_000_000_000L);
        if (cfg.autoscalerMode() == AutoscalerMode.OFF) {
            reset();
            state = Map.of("mode", AutoscalerMode.OFF.wireName());
            return;
        }
        if (!sampled && window.isEmpty()) {
            state = Map.of("mode", cfg.autoscalerMode().wireName(),
                    "reason", "waiting for a whole metrics interval to measure arrivals");
            return;
        }
        state = Collections.unmodifiableMap(decide(s, cfg));
    }

    private void reset() {
        window.clear();
        heldParallelism = -1;
        heldQueueCap = -1;
        changedOnce = false;
        lastServiceMicros = Double.NaN;
    }

    private Map<String, Object> decide(RouterSnapshot s, RouterConfig cfg) {
        long now = s.takenAtNanos();
        AutoscalerWindow.Forecast f = window.forecast(now, cfg.autoscalerHorizonS());
        if (f.serviceCount() > 0) {
            lastServiceMicros = f.meanServiceMicros();
        }
        boolean apply = cfg.autoscalerMode() == AutoscalerMode.APPLY;
        int baseP = apply || heldParallelism < 0 ? cfg.cpuParallelism() : heldParallelism;
        int baseQ = apply || heldQueueCap < 0 ? cfg.cpuQueueCap() : heldQueueCap;
        double laneRate = f.forecastRate() * f.laneShare();
        double serviceSecs = lastServiceMicros / 1e6; // NaN until a lane job has completed
        double cooldownLeft = changedOnce
                ? Math.max(0, cfg.autoscalerCooldownS() - (now - lastChangeNanos) / 1e9) : 0;

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", cfg.autoscalerMode().wireName());
        m.put("observed_rate", f.observedRate());
        m.put("forecast_rate", f.forecastRate());
        m.put("horizon_secs", f.horizonSecs());
        m.put("trend_per_sec", f.trendPerSec());
        m.put("window_secs", f.spanSecs());
        m.put("samples", f.samples());
        m.put("lane_share", f.laneShare());
        m.put("lane_rate", laneRate);
        m.put("completion_rate", f.completionRate());
        m.put("drop_rate", f.dropRate());
        m.put("pressure", f.meanPressure());
        StringBuilder why = new StringBuilder(describeForecast(f, cfg));

        if (laneRate > 0 && Double.isNaN(serviceSecs)) {
            why.append("; ").append(fmt(laneRate)).append(" jobs/s bound for the CPU lane, but no lane job has "
                    + "completed yet, so its service time is unknown: holding cpu_parallelism ").append(baseP);
            putRecommendation(m, baseP, baseQ, cooldownLeft, s);
            m.put("reason", why.toString());
            if (apply) {
                m.put("apply_status", "nothing to apply: no recommendation yet");
            }
            return m;
        }
        double workers = laneRate > 0 ? laneRate * serviceSecs : 0;
        int ask = (int) Math.min(MAX_QUEUE_CAP, Math.ceil(workers - 1e-9));
        int target = clamp(ask, cfg.autoscalerMinParallelism(), cfg.autoscalerMaxParallelism());
        if (!Double.isNaN(serviceSecs)) {
            m.put("mean_service_ms", serviceSecs * 1e3);
            m.put("queue_budget_ms", cfg.cpuP95BudgetMs());
        }
        m.put("required_workers", workers);
        why.append("; ").append(describeLittle(f, laneRate, serviceSecs, workers, ask, target, cfg));

        boolean outOfBounds = baseP < cfg.autoscalerMinParallelism() || baseP > cfg.autoscalerMaxParallelism();
        int p = baseP;
        if (target == baseP) {
            why.append("; cpu_parallelism stays ").append(baseP);
        } else if (outOfBounds) {
            p = target;
            why.append("; ").append(baseP).append(" is outside ").append(cfg.autoscalerMinParallelism()).append("..")
                    .append(cfg.autoscalerMaxParallelism()).append(": cpu_parallelism ").append(baseP).append(" -> ")
                    .append(p);
        } else if (ask < baseP && baseP - ask <= cfg.autoscalerHysteresis()) {
            why.append("; holding cpu_parallelism ").append(baseP).append(": within the hysteresis of ")
                    .append(cfg.autoscalerHysteresis()).append(" below it");
        } else if (cooldownLeft > 0) {
            why.append("; holding cpu_parallelism ").append(baseP).append(": cooldown, ")
                    .append(fmt(cooldownLeft)).append(" s left");
        } else {
            p = target;
            why.append("; cpu_parallelism ").append(baseP).append(" -> ").append(p);
        }

        int q = decideQueueCap(p, baseP, baseQ, serviceSecs, cooldownLeft, cfg, why);
        boolean moved = p != baseP || q != baseQ;
        heldParallelism = p;
        heldQueueCap = q;
        if (moved && !apply) {
            lastChangeNanos = now;
            changedOnce = true;
            cooldownLeft = cfg.autoscalerCooldownS();
        }
        if (apply) {
            cooldownLeft = apply(s, cfg, p, q, moved, m, why, cooldownLeft);
        }
        putRecommendation(m, p, q, cooldownLeft, s);
        m.put("reason", why.toString());
        return m;
    }

    /** The queue bound for parallelism {@code p}; see the class comment. */
    private int decideQueueCap(int p, int baseP, int baseQ, double serviceSecs, double cooldownLeft,
                               RouterConfig cfg, StringBuilder why) {
        int ideal;
        if (Double.isNaN(serviceSecs) || serviceSecs <= 0) {
            ideal = clamp(baseQ, p, MAX_QUEUE_CAP);
        } else {
            double fits = p / serviceSecs * (cfg.cpuP95BudgetMs() / 1e3);
            ideal = clamp((int) Math.min(MAX_QUEUE_CAP, Math.floor(fits + 1e-9)), p, MAX_QUEUE_CAP);
            why.append("; queue bound ").append(p).append(" workers ÷ ").append(fmt(serviceSecs * 1e3))
                    .append(" ms × ").append(cfg.cpuP95BudgetMs()).append(" ms budget = ").append(fmt(fits))
                    .append(" jobs").append(ideal != (int) Math.floor(fits + 1e-9)
                            ? ", clamped to " + p + ".." + MAX_QUEUE_CAP + ": " + ideal : "");
        }
        if (ideal == baseQ) {
            return baseQ;
        }
        boolean drifted = Math.abs(ideal - baseQ) * 100L > (long) QUEUE_CAP_BAND_PERCENT * baseQ;
        if (baseQ < p || p != baseP || drifted && cooldownLeft <= 0) {
            why.append("; cpu_queue_cap ").append(baseQ).append(" -> ").append(ideal);
            return ideal;
        }
        why.append("; holding cpu_queue_cap ").append(baseQ)
                .append(drifted ? ": cooldown" : ": within " + QUEUE_CAP_BAND_PERCENT + "% of it");
        return baseQ;
    }

    /** Patches the config towards ({@code p}, {@code q}); returns the cooldown left after it. */
    private double apply(RouterSnapshot s, RouterConfig cfg, int p, int q, boolean moved, Map<String, Object> m,
                         StringBuilder why, double cooldownLeft) {
        if (!moved) {
            m.put("apply_status", "in force");
            return cooldownLeft;
        }
        Optional<ConfigStore> target = store.get();
        if (target.isEmpty()) {
            refused(m, why, "there is no config store to apply to yet; recommending only");
            return cooldownLeft;
        }
        ConfigPatch.Builder patch = ConfigPatch.builder().set(ConfigKey.CPU_PARALLELISM, p)
                .set(ConfigKey.CPU_QUEUE_CAP, q);
        if (cfg.backpressureBusyThreshold().isPresent() && cfg.backpressureBusyThreshold().getAsInt() > p) {
            patch.set(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD, p);
            why.append("; backpressure_busy_threshold ").append(cfg.backpressureBusyThreshold().getAsInt())
                    .append(" -> ").append(p).append(" to stay within cpu_parallelism");
        }
        ConfigUpdate u = target.get().patch(patch.build(), OptionalLong.of(s.configVersion()));
        switch (u) {
            case ConfigUpdate.Applied a -> {
                lastChangeNanos = s.takenAtNanos();
                changedOnce = true;
                m.put("apply_status", "applied");
                m.put("applied_version", a.current().version());
                why.append("; applied as config version ").append(a.current().version());
                return cfg.autoscalerCooldownS();
            }
            case ConfigUpdate.Conflict c -> refused(m, why, "another writer changed the config (version "
                    + c.expectedVersion() + " -> " + c.currentVersion() + ") since this interval closed; its change "
                    + "stands, and the autoscaler decides again next interval");
            case ConfigUpdate.Rejected r -> refused(m, why, "the store rejected the patch: " + r.violations());
        }
        return cooldownLeft;
    }

    private static void refused(Map<String, Object> m, StringBuilder why, String what) {
        m.put("apply_status", "refused");
        m.put("apply_refused", what);
        why.append("; not applied: ").append(what);
    }

    private static void putRecommendation(Map<String, Object> m, int p, int q, double cooldownLeft,
                                          RouterSnapshot s) {
        m.put("recommended_parallelism", p);
        m.put("recommended_queue_cap", q);
        m.put("current_parallelism", s.parallelism());
        m.put("current_queue_cap", s.queueCapacity());
        m.put("cooldown_left_secs", cooldownLeft);
    }

    private static String describeForecast(AutoscalerWindow.Forecast f, RouterConfig cfg) {
        if (f.meanRate() == 0) {
            return "no arrivals in the last " + fmt(f.spanSecs()) + " s";
        }
        return "arrivals " + fmt(f.observedRate()) + "/s now, trend " + signed(f.trendPerSec()) + "/s per s over "
                + fmt(f.spanSecs()) + " s: forecast " + fmt(f.forecastRate()) + "/s in " + fmt(f.horizonSecs()) + " s"
                + (f.horizonSecs() < cfg.autoscalerHorizonS() ? " (no further ahead than the history)" : "")
                + (f.dropRate() > 0 ? " (dropping " + fmt(f.dropRate()) + "/s, pressure " + fmt(f.meanPressure()) + ")"
                : "");
    }

    private static String describeLittle(AutoscalerWindow.Forecast f, double laneRate, double serviceSecs,
                                         double workers, int ask, int target, RouterConfig cfg) {
        String need = laneRate == 0
                ? (f.meanRate() == 0 ? "no load" : "no arrival goes to the CPU lane") + ": 0 workers needed"
                : fmt(f.laneShare() * 100) + "% of it to the CPU lane = " + fmt(laneRate) + " jobs/s × mean service "
                + fmt(serviceSecs * 1e3) + " ms" + (f.serviceCount() == 0 ? " (last measured)" : "") + " = "
                + fmt(workers) + " workers";
        return need + (target != ask ? " (" + ask + ", clamped to " + cfg.autoscalerMinParallelism() + ".."
                + cfg.autoscalerMaxParallelism() + ": " + target + ")" : " -> " + target);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 || a == Math.rint(a) ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String signed(double v) {
        return v > 0 || v == 0 ? "+" + fmt(Math.abs(v)) : fmt(v); // no "+-0" from a negative zero
    }
}
