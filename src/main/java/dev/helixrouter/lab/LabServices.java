package dev.helixrouter.lab;

import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.lab.run.LiveRunFactory;
import dev.helixrouter.lab.run.RunFactory;
import dev.helixrouter.lab.run.TimeMode;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the lab runs on: the scenario catalog, one {@link RunFactory} per time mode, and this
 * machine's core count. {@link #standard()} is the real thing; tests pass temporary directories
 * and a fast calibrator. The virtual-time mode plugs in here:
 * {@code standard().with(TimeMode.VIRTUAL, new VirtualRunFactory(…))}.
 *
 * @param catalog   shipped and user presets
 * @param factories one factory per time mode
 * @param cores     processors of this machine
 */
public record LabServices(ScenarioCatalog catalog, Map<TimeMode, RunFactory> factories, int cores) {
    /** What the virtual-time toggle says until that mode exists. */
    public static final String VIRTUAL_PENDING = "arrives with the virtual-time mode";

    /** Copies the map; checks that every mode has a factory. */
    public LabServices {
        Objects.requireNonNull(catalog, "catalog");
        factories = Map.copyOf(factories);
        for (TimeMode m : TimeMode.values()) {
            if (!factories.containsKey(m)) {
                throw new IllegalArgumentException("no run factory for " + m.wireName() + " time");
            }
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, was " + cores);
        }
    }

    /**
     * Presets from {@code /presets/} and {@code ~/.helixrouter/presets}; live runs calibrated
     * once per machine into {@code ~/.helixrouter/calibration.json}; virtual time not yet.
     */
    public static LabServices standard() {
        int cores = RouterConfig.machineCores();
        return of(new ScenarioCatalog(), new LiveRunFactory(new CalibrationCache(), Calibrator::builder, cores), cores);
    }

    /** Services with {@code live} for live time and virtual time not available. */
    public static LabServices of(ScenarioCatalog catalog, RunFactory live, int cores) {
        Map<TimeMode, RunFactory> m = new EnumMap<>(TimeMode.class);
        m.put(TimeMode.LIVE, live);
        m.put(TimeMode.VIRTUAL, RunFactory.unavailable(TimeMode.VIRTUAL, VIRTUAL_PENDING));
        return new LabServices(catalog, m, cores);
    }

    /** These services with {@code factory} for its time mode. */
    public LabServices with(RunFactory factory) {
        Map<TimeMode, RunFactory> m = new EnumMap<>(factories);
        m.put(factory.timeMode(), factory);
        return new LabServices(catalog, m, cores);
    }
}
