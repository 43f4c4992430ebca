package dev.helixrouter.lab.run;

import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.workload.ArrivalPattern;
import dev.helixrouter.workload.Scenario;
import java.util.Objects;

/**
 * Everything a run needs to know, fixed when the user presses Start.
 *
 * @param scenario       the scenario with the user's seed and job-count overrides already applied
 * @param config         the router config to start with (the tuning panel's, validated)
 * @param loadMultiplier multiplies every arrival rate of the scenario (the toolbar's load)
 * @param timeMode       live or virtual
 * @param cores          processors: this machine's in live time, the modelled machine's in virtual time
 */
public record RunSpec(Scenario scenario, RouterConfig config, double loadMultiplier, TimeMode timeMode, int cores) {

    /** Checks every field. */
    public RunSpec {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(config, "config").validate();
        Objects.requireNonNull(timeMode, "timeMode");
        if (!(loadMultiplier > 0 && loadMultiplier <= ArrivalPattern.MAX_LOAD)) {
            throw new IllegalArgumentException("load multiplier must be > 0 and <= " + ArrivalPattern.MAX_LOAD
                    + ", was " + loadMultiplier);
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, was " + cores);
        }
    }
}
