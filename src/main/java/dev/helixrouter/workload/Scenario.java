package dev.helixrouter.workload;

import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.workload.calibration.Overheads;
import dev.helixrouter.workload.calibration.ServiceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named, reproducible experiment: which jobs ({@link WorkloadSpec}), when they arrive
 * ({@link ArrivalPattern}), for how long ({@link RunBound}), under which router configuration
 * (a sparse {@link ConfigPatch} over the defaults), from which seed.
 *
 * <p>Scenarios are stored as JSON (see {@link ScenarioJson} and {@code docs/SCENARIOS.md}); the
 * shipped ones live under {@code presets/} and user ones in {@code ~/.helixrouter/presets}
 * ({@link ScenarioCatalog}). To run one, turn it into arrivals with
 * {@link ArrivalPlan#of(Scenario, double, double, RunOverrides)}: that is the single place
 * where jobs and offsets are drawn, so live runs, virtual runs and recorded traces agree.
 *
 * <p>The config is kept sparse, as written, rather than merged onto this machine's defaults:
 * {@code cpu_parallelism} and friends default to the cores of the machine that <em>runs</em>
 * the scenario (or the simulated machine of a virtual run), so merging happens at run time with
 * {@link #routerConfig(RouterConfig)}.
 *
 * <p>A scenario may carry an explicit {@link ServiceModel} (and {@link Overheads}): then the
 * virtual-time mode takes service times and λ* from it instead of this machine's calibration, so
 * the run is the same on any machine. Live runs execute the real kernels and ignore it.
 *
 * @param name        short identifier and file name: 1–64 letters, digits, {@code _}, {@code -}
 *                    or {@code .}, not starting with {@code .}
 * @param description one line for the lab's picker (may be empty), at most 200 characters
 * @param seed        seeds the jobs and the arrival times
 * @param workload    the distribution of jobs
 * @param arrival     when jobs arrive
 * @param bound       when arrivals stop; {@code all_at_once} needs a job count, the other
 *                    patterns at least one bound
 * @param config      router config keys set by the scenario, over the defaults
 * @param serviceModel the service times of the modelled machine in virtual time, or empty to
 *                     take them from this machine's calibration
 * @param overheads   the router's CPU cost per job on the modelled machine, or empty; only with
 *                    a {@code serviceModel} (empty with one means none:
 *                    {@link #modelledOverheads()})
 */
public record Scenario(String name, String description, long seed, WorkloadSpec workload, ArrivalPattern arrival,
                       RunBound bound, ConfigPatch config, Optional<ServiceModel> serviceModel,
                       Optional<Overheads> overheads) {

    /** Longest description accepted, in characters. */
    public static final int MAX_DESCRIPTION = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    /**
     * Validates the name, the description and the bound.
     *
     * @throws ScenarioException listing every problem
     */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(serviceModel, "serviceModel");
        Objects.requireNonNull(overheads, "overheads");
        List<ScenarioProblem> problems = problems(name, description, arrival, bound);
        problems.addAll(modelProblems(serviceModel.isPresent(), overheads.isPresent()));
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }

    /** A scenario without an explicit service model: virtual time takes this machine's calibration. */
    public Scenario(String name, String description, long seed, WorkloadSpec workload, ArrivalPattern arrival,
                    RunBound bound, ConfigPatch config) {
        this(name, description, seed, workload, arrival, bound, config, Optional.empty(), Optional.empty());
    }

    /** The problems of these parts, each naming its JSON field; shared with the JSON reader. */
    static List<ScenarioProblem> problems(String name, String description, ArrivalPattern arrival, RunBound bound) {
        List<ScenarioProblem> problems = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            problems.add(new ScenarioProblem("name", "must be 1-64 letters, digits, '_', '-' or '.', not starting "
                    + "with '.', was '" + Suggestions.abbreviate(name) + "'"));
        }
        if (description.length() > MAX_DESCRIPTION) {
            problems.add(new ScenarioProblem("description", "must be at most " + MAX_DESCRIPTION
                    + " characters (one line for the picker), was " + description.length()));
        }
        if (description.contains("\n") || description.contains("\r")) {
            problems.add(new ScenarioProblem("description", "must be one line"));
        }
        if (arrival != null && bound != null) {
            if (arrival instanceof ArrivalPattern.AllAtOnce && bound.maxJobs().isEmpty()) {
                problems.add(new ScenarioProblem("jobs", "is required with all_at_once (every job arrives at "
                        + "offset 0, so only a job count bounds the run)"));
            } else if (bound.isUnbounded()) {
                problems.add(new ScenarioProblem("jobs", "the " + arrival.wireName() + " pattern needs a bound: "
                        + "give jobs, duration_s, or both"));
            }
        }
        return problems;
    }

    /** The problems of the explicit-model parts; shared with the JSON reader. */
    static List<ScenarioProblem> modelProblems(boolean hasServiceModel, boolean hasOverheads) {
        if (hasOverheads && !hasServiceModel) {
            return List.of(new ScenarioProblem("overheads", "needs a service_model: overheads complete an explicit "
                    + "model of the machine; without one, virtual time measures them on this machine"));
        }
        return List.of();
    }

    /**
     * The router's per-job costs on the modelled machine of an explicit model: the scenario's
     * {@code overheads}, or {@link Overheads#NONE} when it gives none (the model then charges the
     * kernels only). Empty when the scenario has no explicit model.
     */
    public Optional<Overheads> modelledOverheads() {
        return serviceModel.map(m -> overheads.orElse(Overheads.NONE));
    }

    /**
     * The router config to run with: this machine's defaults with the scenario's keys set.
     *
     * @throws ConfigException if the merged config breaks a rule
     */
    public RouterConfig routerConfig() {
        return routerConfig(RouterConfig.defaults());
    }

    /**
     * The router config to run with: {@code defaults} (for example those of a simulated machine,
     * {@link RouterConfig#defaults(int)}) with the scenario's keys set.
     *
     * @throws ConfigException if the merged config breaks a rule
     */
    public RouterConfig routerConfig(RouterConfig defaults) {
        return config.applyTo(defaults).validate();
    }

    /** A generator of this scenario's jobs, ids from 1. */
    public JobGenerator generator() {
        return new JobGenerator(workload, seed);
    }

    /** This scenario's arrival offsets on a machine of capacity {@code lambdaStar} jobs/s, rates scaled by {@code loadMultiplier}. */
    public ArrivalSchedule schedule(double lambdaStar, double loadMultiplier) {
        return ArrivalSchedule.of(arrival, lambdaStar, loadMultiplier, seed, bound);
    }

    /** A copy with another name. */
    public Scenario withName(String newName) {
        return new Scenario(newName, description, seed, workload, arrival, bound, config, serviceModel, overheads);
    }

    /** A copy with another description. */
    public Scenario withDescription(String newDescription) {
        return new Scenario(name, newDescription, seed, workload, arrival, bound, config, serviceModel, overheads);
    }

    /** A copy with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, newSeed, workload, arrival, bound, config, serviceModel, overheads);
    }

    /** A copy with another workload. */
    public Scenario withWorkload(WorkloadSpec newWorkload) {
        return new Scenario(name, description, seed, newWorkload, arrival, bound, config, serviceModel, overheads);
    }

    /** A copy with another arrival pattern. */
    public Scenario withArrival(ArrivalPattern newArrival) {
        return new Scenario(name, description, seed, workload, newArrival, bound, config, serviceModel, overheads);
    }

    /** A copy with another bound. */
    public Scenario withBound(RunBound newBound) {
        return new Scenario(name, description, seed, workload, arrival, newBound, config, serviceModel, overheads);
    }

    /** A copy with another config patch (for example {@code ConfigPatch.between(defaults, tuned)}). */
    public Scenario withConfig(ConfigPatch newConfig) {
        return new Scenario(name, description, seed, workload, arrival, bound, newConfig, serviceModel, overheads);
    }

    /** A copy with an explicit service model and no overheads (the model charges the kernels only). */
    public Scenario withServiceModel(ServiceModel model) {
        return new Scenario(name, description, seed, workload, arrival, bound, config, Optional.of(model),
                Optional.empty());
    }

    /** A copy with an explicit service model and the router's overheads on the modelled machine. */
    public Scenario withServiceModel(ServiceModel model, Overheads newOverheads) {
        return new Scenario(name, description, seed, workload, arrival, bound, config, Optional.of(model),
                Optional.of(newOverheads));
    }

    /** A copy without an explicit model: virtual time takes this machine's calibration again. */
    public Scenario withoutServiceModel() {
        return new Scenario(name, description, seed, workload, arrival, bound, config);
    }
}
