package dev.helixrouter.lab.run;

/**
 * Runs scenarios in live time, the way {@code helixrouter run} does: the scenario's arrival
 * rates are scaled by this machine's capacity λ* (from the {@link MachineProfile}: the kernels'
 * calibration and the router's overheads, measured on first use and cached), the arrivals are
 * planned once, and a {@link LiveRunSession} replays them against a fresh router from caller
 * platform threads.
 */
public final class LiveRunFactory extends PlannedRunFactory {
    private final int callers;

    /** A factory sizing runs with {@code profile} and submitting from {@code callers} platform threads. */
    public LiveRunFactory(MachineProfile profile, int callers) {
        super(TimeMode.LIVE, profile);
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be >= 1, was " + callers);
        }
        this.callers = callers;
    }

    @Override
    boolean needsModel() {
        return false;
    }

    @Override
    RunSession launch(RunSpec spec, MachineProfile.Plan plan, Preparation preparation) {
        return LiveRunSession.start(spec, plan.arrivals(), plan.lambdaStar(), callers);
    }
}
