package dev.helixrouter.lab.run;

import dev.helixrouter.sim.VirtualRun;

/**
 * Runs scenarios in virtual time, as {@code helixrouter run --time virtual --cores N} does: the
 * modelled machine has the spec's cores, as many callers, the kernels' calibrated service model
 * and the router's measured overheads (from the {@link MachineProfile}); λ* is that machine's,
 * so a load of 0.7 means 70 % of what the modelled machine can serve. A
 * {@link VirtualRunSession} simulates the run on a platform thread of its own, paced for a
 * person to watch.
 */
public final class VirtualRunFactory extends PlannedRunFactory {
    /** Most processors a modelled machine may have (the simulation's limit). */
    public static final int MAX_CORES = 4096;

    /** A factory modelling machines with {@code profile}'s measurements. */
    public VirtualRunFactory(MachineProfile profile) {
        super(TimeMode.VIRTUAL, profile);
    }

    @Override
    void check(RunSpec spec) {
        if (spec.cores() > MAX_CORES) {
            throw new IllegalArgumentException("modelled cores must be within 1.." + MAX_CORES + ", was " + spec.cores());
        }
    }

    @Override
    boolean needsModel() {
        return true;
    }

    @Override
    RunSession launch(RunSpec spec, MachineProfile.Plan plan, Preparation preparation) {
        VirtualRun.Machine machine = new VirtualRun.Machine(spec.cores(), spec.cores(),
                plan.measured().calibration().model(), plan.measured().overheads());
        return VirtualRunSession.start(spec, plan.arrivals(), plan.lambdaStar(), machine, preparation);
    }
}
