package dev.helixrouter.adapt;

import dev.helixrouter.engine.PressureSource;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The router's internal pressure: one score in [0, 1] saying how close the router is to failing
 * its jobs, fed to the gate's pressure shed, the learned policy and the autoscaler.
 *
 * <p><b>The blend</b> (weights sum to 1):
 * <pre>
 *   pressure = 0.35 · queue fill        (CPU-lane queue depth ÷ its bound)
 *            + 0.25 · worker saturation (busy workers ÷ parallelism)
 *            + 0.20 · drop rate         (jobs dropped ÷ jobs submitted, per interval)
 *            + 0.20 · lateness          (completions past budget ÷ completions, per interval)
 * </pre>
 * Each component is an exponential moving average with weight {@code ema_alpha}, updated once
 * per metrics interval on the router's clock — busy or idle. An idle interval feeds zeros, so
 * pressure <b>decays with time</b> when the load stops, not only when a job arrives (the
 * original froze at its last value). External pressure, with its TTL, is the engine's; the
 * effective pressure is the larger of the two.
 *
 * <p>Thread-safe: the sampler thread writes, any thread reads one volatile double.
 */
public final class PressureModel implements PressureSource, Consumer<RouterSnapshot> {
    /** Weight of queue fill. */
    public static final double W_QUEUE = 0.35;
    /** Weight of worker saturation. */
    public static final double W_SATURATION = 0.25;
    /** Weight of the drop rate. */
    public static final double W_DROPS = 0.20;
    /** Weight of lateness. */
    public static final double W_LATE = 0.20;

    private final Supplier<RouterConfig> config;
    private double queue;
    private double saturation;
    private double drops;
    private double late;
    private long lastSubmitted;
    private long lastDropped;
    private long lastCompleted;
    private long lastLate;
    private volatile double score;

    /** A model reading {@code ema_alpha} from {@code config}. */
    public PressureModel(Supplier<RouterConfig> config) {
        this.config = config;
    }

    @Override
    public double internalPressure(long nowNanos) {
        return score;
    }

    /** The current score. */
    public double score() {
        return score;
    }

    /** Folds one closed interval into the score (called on the sampler thread). */
    @Override
    public synchronized void accept(RouterSnapshot s) {
        double alpha = config.get().emaAlpha();
        double fill = s.queueCapacity() > 0 ? Math.min(1.0, (double) s.queueDepth() / s.queueCapacity()) : 0;
        double sat = s.parallelism() > 0 ? Math.min(1.0, (double) s.cpuBusy() / s.parallelism()) : 0;
        long submitted = s.submitted() - lastSubmitted;
        long dropped = s.dropped() - lastDropped;
        long completed = s.completed() - lastCompleted;
        long lateNow = 0;
        for (Strategy st : Strategy.values()) {
            lateNow += s.strategy(st).late();
        }
        long lateDelta = lateNow - lastLate;
        lastSubmitted = s.submitted();
        lastDropped = s.dropped();
        lastCompleted = s.completed();
        lastLate = lateNow;
        double dropFrac = submitted > 0 ? Math.min(1.0, (double) dropped / submitted) : 0;
        double lateFrac = completed > 0 ? Math.min(1.0, (double) lateDelta / completed) : 0;
        queue += alpha * (fill - queue);
        saturation += alpha * (sat - saturation);
        drops += alpha * (dropFrac - drops);
        late += alpha * (lateFrac - late);
        double v = W_QUEUE * queue + W_SATURATION * saturation + W_DROPS * drops + W_LATE * late;
        score = Math.max(0, Math.min(1, v));
    }

    /** The components, for the snapshot and the lab. */
    public synchronized Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", score);
        m.put("queue_fill", queue);
        m.put("saturation", saturation);
        m.put("drop_rate", drops);
        m.put("late_rate", late);
        return m;
    }
}
