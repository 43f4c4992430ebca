package dev.helixrouter.lab.run;

import java.util.Objects;
import java.util.Optional;

/**
 * What the lab's two factories share: each runs one {@link TimeMode}, sizes and plans a run with
 * the {@link MachineProfile} as {@code helixrouter run} does, then launches it its own way.
 */
abstract sealed class PlannedRunFactory implements RunFactory permits LiveRunFactory, VirtualRunFactory {
    private final TimeMode mode;
    private final MachineProfile profile;

    PlannedRunFactory(TimeMode mode, MachineProfile profile) {
        this.mode = mode;
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    @Override
    public final TimeMode timeMode() {
        return mode;
    }

    @Override
    public final Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public final RunSession start(RunSpec spec, Preparation preparation) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(preparation, "preparation");
        if (spec.timeMode() != mode) {
            throw new IllegalArgumentException("a " + mode.wireName() + "-time factory cannot run "
                    + spec.timeMode().wireName() + " time");
        }
        check(spec);
        return launch(spec, profile.plan(spec, needsModel(), preparation), preparation);
    }

    /** Refuses, naming the value at fault, a spec this factory cannot run; by default none. */
    void check(RunSpec spec) { }

    /** Whether every run needs the machine's service model, not only those whose rates need λ*. */
    abstract boolean needsModel();

    /** Starts the planned run. */
    abstract RunSession launch(RunSpec spec, MachineProfile.Plan plan, Preparation preparation);
}
