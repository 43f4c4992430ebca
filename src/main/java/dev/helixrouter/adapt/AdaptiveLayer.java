package dev.helixrouter.adapt;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the adaptive layer into a router: internal pressure, the adaptive spawn threshold,
 * the learned policy (used when {@code routing_policy = learned}) and the autoscaler.
 *
 * <pre>{@code
 * AdaptiveLayer adaptive = AdaptiveLayer.install(builder, config, cores, AdaptiveLayer.weightsPathFromEnv());
 * HelixRouter router = adaptive.attach(builder.build());
 * }</pre>
 *
 * Everything reads the router's live config; until {@link #attach} the builder's initial one.
 * The snapshot's extensions carry the state: {@code pressure}, {@code adaptive_spawn_threshold},
 * {@code learned_policy} and {@code autoscaler}.
 *
 * <p><b>Weights file.</b> With a path (by default {@code HELIX_WEIGHTS_PATH}), the learned policy
 * starts from the weights saved there. A file that cannot be used is reported (logged, and in the
 * policy's state as {@code weights_error}), kept beside it as {@code <name>.corrupt} so nothing
 * is lost, and replaced by the warm start. The weights are saved every
 * {@value #SAVE_EVERY_INTERVALS} metrics intervals and when the router closes.
 */
public final class AdaptiveLayer {
    /** Environment variable naming the learned policy's weights file. */
    public static final String WEIGHTS_ENV = "HELIX_WEIGHTS_PATH";
    /** Metrics intervals between two saves of the weights. */
    public static final int SAVE_EVERY_INTERVALS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveLayer.class);

    private final AtomicReference<HelixRouter> router = new AtomicReference<>();
    private final RouterConfig initial;
    private final PressureModel pressure;
    private final AdaptiveSpawnThreshold spawnThreshold;
    private final LearnedPolicy learned;
    private final Autoscaler autoscaler;
    private final Optional<Path> weightsPath;
    private long intervals;

    private AdaptiveLayer(RouterConfig initial, int carriers, Optional<Path> weightsPath) {
        this.initial = initial;
        this.weightsPath = weightsPath;
        this.pressure = new PressureModel(this::config);
        this.spawnThreshold = new AdaptiveSpawnThreshold(this::config, carriers);
        this.learned = loadPolicy(initial, weightsPath);
        this.autoscaler = new Autoscaler(this::config,
                () -> Optional.ofNullable(router.get()).map(HelixRouter::config));
    }

    /** Wires the layer into {@code builder}, whose config is {@code initial}, without a weights file. */
    public static AdaptiveLayer install(RouterBuilder builder, RouterConfig initial, int carriers) {
        return install(builder, initial, carriers, Optional.empty());
    }

    /**
     * Wires the layer into {@code builder}, whose config is {@code initial}, on a machine of
     * {@code carriers} cores, loading and saving the learned policy's weights at {@code weightsPath}.
     */
    public static AdaptiveLayer install(RouterBuilder builder, RouterConfig initial, int carriers,
                                        Optional<Path> weightsPath) {
        AdaptiveLayer layer = new AdaptiveLayer(Objects.requireNonNull(initial, "initial"), carriers,
                Objects.requireNonNull(weightsPath, "weightsPath"));
        builder.config(initial)
                .pressureSource(layer.pressure)
                .spawnThresholdSource(layer.spawnThreshold)
                .learnedPolicy(layer.learned)
                .onInterval(layer.pressure)
                .onInterval(layer.spawnThreshold)
                .onInterval(layer.learned)
                .onInterval(layer.autoscaler)
                .onInterval(layer::periodicSave)
                .extension("pressure", layer.pressure::state)
                .extension("adaptive_spawn_threshold", layer.spawnThreshold::state)
                .extension("learned_policy", layer.learned::state)
                .extension("autoscaler", layer.autoscaler::state)
                .onClose(layer::saveWeights);
        return layer;
    }

    /** The weights file named by {@value #WEIGHTS_ENV}, if set and not blank. */
    public static Optional<Path> weightsPathFromEnv() {
        String v = System.getenv(WEIGHTS_ENV);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.strip()));
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

    /** The learned policy. */
    public LearnedPolicy learned() {
        return learned;
    }

    /** The autoscaler. */
    public Autoscaler autoscaler() {
        return autoscaler;
    }

    /** Saves the learned policy's weights to the weights file, if there is one; never throws. */
    public void saveWeights() {
        weightsPath.ifPresent(p -> {
            try {
                learned.snapshotWeights().save(p);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not save the learned policy's weights to {}: {}", p, e.toString());
            }
        });
    }

    private void periodicSave(RouterSnapshot s) {
        if (weightsPath.isPresent() && ++intervals % SAVE_EVERY_INTERVALS == 0) {
            saveWeights();
        }
    }

    private static LearnedPolicy loadPolicy(RouterConfig initial, Optional<Path> weightsPath) {
        if (weightsPath.isEmpty()) {
            return LearnedPolicy.warmStart(initial);
        }
        Path file = weightsPath.get();
        try {
            LearnedWeights w = LearnedWeights.load(file);
            LOG.info("learned policy: weights loaded from {} ({} updates)", file, w.updates());
            return LearnedPolicy.restore(initial, w, null);
        } catch (NoSuchFileException e) {
            LearnedPolicy p = LearnedPolicy.warmStart(initial);
            LOG.info("learned policy: no weights at {} yet; starting from the warm start", file);
            return p;
        } catch (IOException | RuntimeException e) {
            String why = file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                why += " (kept as " + aside.getFileName() + ")";
            } catch (IOException moveFailed) {
                LOG.debug("could not move the unusable weights file aside", moveFailed);
            }
            LOG.warn("learned policy: cannot use the weights file {}; starting from the warm start", why);
            LearnedPolicy p = LearnedPolicy.restore(initial, null, why);
            try {
                p.snapshotWeights().save(file);
            } catch (IOException | RuntimeException saveFailed) {
                LOG.warn("could not write the warm start to {}: {}", file, saveFailed.toString());
            }
            return p;
        }
    }
}
