package dev.helixrouter.adapt;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.config.RouterConfig;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Installs the adaptive layer into a router: internal pressure and the adaptive spawn threshold
 * (the learned policy and the autoscaler join them as they land).
 *
 * <pre>{@code
 * AdaptiveLayer adaptive = AdaptiveLayer.install(builder, cores);
 * HelixRouter router = adaptive.attach(builder.build());
 * }</pre>
 *
 * Both read the router's live config; until {@link #attach} they read the builder's initial one.
 */
public final class AdaptiveLayer {
    private final AtomicReference<HelixRouter> router = new AtomicReference<>();
    private final RouterConfig initial;
    private final PressureModel pressure;
    private final AdaptiveSpawnThreshold spawnThreshold;

    private AdaptiveLayer(RouterConfig initial, int carriers) {
        this.initial = initial;
        this.pressure = new PressureModel(this::config);
        this.spawnThreshold = new AdaptiveSpawnThreshold(this::config, carriers);
    }

    /** Wires the layer into {@code builder}, whose config is {@code initial}, on a machine of {@code carriers} cores. */
    public static AdaptiveLayer install(RouterBuilder builder, RouterConfig initial, int carriers) {
        AdaptiveLayer layer = new AdaptiveLayer(Objects.requireNonNull(initial, "initial"), carriers);
        builder.config(initial)
                .pressureSource(layer.pressure)
                .spawnThresholdSource(layer.spawnThreshold)
                .onInterval(layer.pressure)
                .onInterval(layer.spawnThreshold)
                .extension("adaptive", () -> java.util.Map.of(
                        "pressure", layer.pressure.state(), "spawn_threshold", layer.spawnThreshold.state()));
        return layer;
    }

    /** Binds the layer to the router built from the builder; returns the router. */
    public HelixRouter attach(HelixRouter built) {
        router.set(Objects.requireNonNull(built, "router"));
        return built;
    }

    private RouterConfig config() {
        HelixRouter r = router.get();
        return r == null ? initial : r.currentConfig().config();
    }

    /** The pressure model. */
    public PressureModel pressure() {
        return pressure;
    }

    /** The adaptive spawn threshold. */
    public AdaptiveSpawnThreshold spawnThreshold() {
        return spawnThreshold;
    }
}
