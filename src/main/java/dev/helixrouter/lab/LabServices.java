package dev.helixrouter.lab;

import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.lab.run.LiveRunFactory;
import dev.helixrouter.lab.run.MachineProfile;
import dev.helixrouter.lab.run.RunFactory;
import dev.helixrouter.lab.run.TimeMode;
import dev.helixrouter.lab.run.VirtualRunFactory;
import dev.helixrouter.workload.ScenarioCatalog;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the lab runs on: the scenario catalog, one {@link RunFactory} per time mode, and this
 * machine's core count. {@link #standard()} is the real thing; tests pass temporary directories
 * and quick measurements, and may swap one mode's factory with {@link #with(RunFactory)}.
 *
 * @param catalog   shipped and user presets
 * @param factories one factory per time mode
 * @param cores     processors of this machine
 */
public record LabServices(ScenarioCatalog catalog, Map<TimeMode, RunFactory> factories, int cores) {

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
     * Presets from {@code /presets/} and {@code ~/.helixrouter/presets}; live and virtual runs
     * sized with this machine's profile, measured once into {@code ~/.helixrouter/calibration.json}
     * and {@code overheads.json}.
     */
    public static LabServices standard() {
        return of(new ScenarioCatalog(), MachineProfile.standard(), RouterConfig.machineCores());
    }

    /** Services running both time modes on {@code profile}, live runs with {@code cores} callers. */
    public static LabServices of(ScenarioCatalog catalog, MachineProfile profile, int cores) {
        Map<TimeMode, RunFactory> m = new EnumMap<>(TimeMode.class);
        m.put(TimeMode.LIVE, new LiveRunFactory(profile, cores));
        m.put(TimeMode.VIRTUAL, new VirtualRunFactory(profile));
        return new LabServices(catalog, m, cores);
    }

    /** These services with {@code factory} for its time mode. */
    public LabServices with(RunFactory factory) {
        Map<TimeMode, RunFactory> m = new EnumMap<>(factories);
        m.put(factory.timeMode(), factory);
        return new LabServices(catalog, m, cores);
    }
}
