package dev.helixrouter.adapt;

import dev.helixrouter.engine.SpawnThresholdSource;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The spawn threshold in force, adapted once per metrics interval (SPEC §7).
 *
 * <p>It rises by {@code (1 + adaptive_step)} only when all three hold:
 * <ol>
 *   <li>the CPU lane's interval p95 exceeds {@code cpu_p95_budget_ms × adaptive_p95_threshold_factor};</li>
 *   <li>the overshoot comes from <b>queue wait</b> (the lane's p95 queue wait is at least its p95
 *       service time): a lane late because its jobs are long would not be helped;</li>
 *   <li>the carriers have spare capacity: fewer spawned jobs in flight than carriers, and spawned
 *       jobs are meeting their budgets. Moving work to spawn on a saturated machine only moves
 *       the queue (and virtual threads are not time-sliced, so it would starve the spawned).</li>
 * </ol>
 * It falls back by the same factor towards the configured value while the lane's p95 is under
 * budget (an interval without lane completions counts as under budget), and always stays within
 * [configured, 10 × configured].
 */
public final class AdaptiveSpawnThreshold implements SpawnThresholdSource, Consumer<RouterSnapshot> {
    /** Most the threshold may rise above the configured value. */
    public static final int MAX_FACTOR = 10;

    private final Supplier<RouterConfig> config;
    private final int carriers;
    private volatile long current;
    private volatile String lastMove = "none";

    /** A threshold following {@code config}, on a machine of {@code carriers} carrier threads. */
    public AdaptiveSpawnThreshold(Supplier<RouterConfig> config, int carriers) {
        this.config = config;
        this.carriers = carriers;
        this.current = config.get().spawnThreshold();
    }

    @Override
    public long spawnThreshold(RouterConfig cfg) {
        return clamp(current, cfg);
    }

    private static long clamp(long v, RouterConfig cfg) {
        long base = cfg.spawnThreshold();
        long max = base > Long.MAX_VALUE / MAX_FACTOR ? Long.MAX_VALUE : base * MAX_FACTOR;
        return Math.max(base, Math.min(max, v));
    }

    /** Evaluates one closed interval (called on the sampler thread). */
    @Override
    public synchronized void accept(RouterSnapshot s) {
        RouterConfig cfg = config.get();
        long now = clamp(current, cfg);
        StrategyStats lane = s.strategy(Strategy.CPU_POOL);
        LatencyStats p = lane.intervalLatency();
        // An interval with no lane completions is a lane under budget: come back down.
        double p95Ms = p.count() == 0 ? 0 : p.p95Micros() / 1000.0;
        double budget = cfg.cpuP95BudgetMs();
        boolean over = p95Ms > budget * cfg.adaptiveP95ThresholdFactor();
        boolean queueBound = lane.intervalQueueWait().p95Micros() >= lane.intervalService().p95Micros();
        StrategyStats spawn = s.strategy(Strategy.SPAWN);
        long spawnDone = spawn.intervalCompleted();
        boolean spawnHealthy = spawnDone == 0 || (double) (spawnDone - spawn.intervalMet()) / spawnDone < 0.05;
        boolean carriersSpare = s.spawnedInFlight() < carriers && spawnHealthy;
        long next = now;
        if (over && queueBound && carriersSpare) {
            next = clamp((long) Math.ceil(now * (1 + cfg.adaptiveStep())), cfg);
            lastMove = next > now ? "raised" : "at_max";
        } else if (p95Ms < budget) {
            next = clamp((long) Math.floor(now / (1 + cfg.adaptiveStep())), cfg);
            lastMove = next < now ? "lowered" : "at_configured";
        } else {
            lastMove = over ? (queueBound ? "held_carriers_busy" : "held_service_bound") : "held";
        }
        current = next;
    }

    /** State for the snapshot and the lab. */
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current", spawnThreshold(config.get()));
        m.put("configured", config.get().spawnThreshold());
        m.put("last_move", lastMove);
        return m;
    }
}
