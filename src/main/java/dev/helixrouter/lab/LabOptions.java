package dev.helixrouter.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How the lab window opens: which scenario is ready to run, with which seed, job count and load,
 * whether it starts at once, and (for screenshots, demos and measurements) which tab shows, when
 * the window closes itself and where responsiveness figures go.
 *
 * @param scenario  preset name or scenario file to select; empty for {@value #DEFAULT_SCENARIO}
 * @param jobs      replaces the scenario's job count in every run, 1 to {@value #MAX_JOBS}
 * @param seed      replaces the scenario's seed
 * @param load      the load multiplier, {@code > 0} and at most 1000 (default 1)
 * @param start     start the scenario as soon as the window is up
 * @param loop      start it again whenever it finishes
 * @param exitAfter close the window this long after it opened
 * @param tab       the tab to show first: one of {@link #TABS}
 * @param statsFile write responsiveness figures (frame gaps, UI update rate, heap) here on exit
 */
public record LabOptions(Optional<String> scenario, OptionalLong jobs, OptionalLong seed, OptionalDouble load,
                         boolean start, boolean loop, Optional<Duration> exitAfter, Optional<String> tab,
                         Optional<Path> statsFile) {

    /** The scenario ready to run when none is named: a steady mixed load at 70 % of capacity. */
    public static final String DEFAULT_SCENARIO = "steady";
    /** Largest job count: a run's arrivals are planned, and held, before it starts. */
    public static final int MAX_JOBS = 1_000_000;
    /** Largest load multiplier. */
    public static final double MAX_LOAD = 1000.0;
    /** The tabs {@code --tab} can show. */
    public static final List<String> TABS = List.of("overview", "latency", "decisions", "learned", "autoscaler");

    /** Validates every field. */
    public LabOptions {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(exitAfter, "exitAfter");
        Objects.requireNonNull(tab, "tab");
        Objects.requireNonNull(statsFile, "statsFile");
        if (scenario.isPresent() && scenario.get().isBlank()) {
            throw new IllegalArgumentException("scenario must not be blank");
        }
        if (jobs.isPresent() && (jobs.getAsLong() < 1 || jobs.getAsLong() > MAX_JOBS)) {
            throw new IllegalArgumentException("jobs must be within 1.." + MAX_JOBS + ", was " + jobs.getAsLong());
        }
        if (load.isPresent() && !(load.getAsDouble() > 0 && load.getAsDouble() <= MAX_LOAD)) {
            throw new IllegalArgumentException("load must be > 0 and <= " + (long) MAX_LOAD + ", was " + load.getAsDouble());
        }
        if (exitAfter.isPresent() && (exitAfter.get().isNegative() || exitAfter.get().isZero())) {
            throw new IllegalArgumentException("exitAfter must be > 0, was " + exitAfter.get());
        }
        if (tab.isPresent() && !TABS.contains(tab.get())) {
            throw new IllegalArgumentException("tab must be one of " + String.join(", ", TABS) + ", was " + tab.get());
        }
    }

    /** The defaults: the default scenario as written, not started, no automatic exit. */
    public static LabOptions defaults() {
        return new LabOptions(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty(),
                false, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The scenario to select. */
    public String scenarioName() {
        return scenario.orElse(DEFAULT_SCENARIO);
    }

    public LabOptions withScenario(String s) {
        return new LabOptions(Optional.of(s), jobs, seed, load, start, loop, exitAfter, tab, statsFile);
    }

    public LabOptions withJobs(long n) {
        return new LabOptions(scenario, OptionalLong.of(n), seed, load, start, loop, exitAfter, tab, statsFile);
    }

    public LabOptions withSeed(long s) {
        return new LabOptions(scenario, jobs, OptionalLong.of(s), load, start, loop, exitAfter, tab, statsFile);
    }

    public LabOptions withLoad(double x) {
        return new LabOptions(scenario, jobs, seed, OptionalDouble.of(x), start, loop, exitAfter, tab, statsFile);
    }

    public LabOptions withStart(boolean b) {
        return new LabOptions(scenario, jobs, seed, load, b, loop, exitAfter, tab, statsFile);
    }

    public LabOptions withLoop(boolean b) {
        return new LabOptions(scenario, jobs, seed, load, start, b, exitAfter, tab, statsFile);
    }

    public LabOptions withExitAfter(Duration d) {
        return new LabOptions(scenario, jobs, seed, load, start, loop, Optional.of(d), tab, statsFile);
    }

    public LabOptions withTab(String t) {
        return new LabOptions(scenario, jobs, seed, load, start, loop, exitAfter, Optional.of(t), statsFile);
    }

    public LabOptions withStatsFile(Path p) {
        return new LabOptions(scenario, jobs, seed, load, start, loop, exitAfter, tab, Optional.of(p));
    }

    /** As JavaFX named parameters ({@code --scenario=steady --seed=7 …}). */
    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        scenario.ifPresent(s -> args.add("--scenario=" + s));
        jobs.ifPresent(n -> args.add("--jobs=" + n));
        seed.ifPresent(s -> args.add("--seed=" + s));
        load.ifPresent(x -> args.add("--load=" + x));
        if (start) {
            args.add("--start=true");
        }
        if (loop) {
            args.add("--loop=true");
        }
        exitAfter.ifPresent(d -> args.add("--exit-after=" + d));
        tab.ifPresent(t -> args.add("--tab=" + t));
        statsFile.ifPresent(p -> args.add("--stats=" + p));
        return args;
    }

    /** Reads what {@link #toArgs()} wrote; missing keys take their defaults. */
    static LabOptions fromNamed(Map<String, String> named) {
        return new LabOptions(Optional.ofNullable(named.get("scenario")),
                named.containsKey("jobs") ? OptionalLong.of(Long.parseLong(named.get("jobs"))) : OptionalLong.empty(),
                named.containsKey("seed") ? OptionalLong.of(Long.parseLong(named.get("seed"))) : OptionalLong.empty(),
                named.containsKey("load") ? OptionalDouble.of(Double.parseDouble(named.get("load")))
                        : OptionalDouble.empty(),
                Boolean.parseBoolean(named.get("start")), Boolean.parseBoolean(named.get("loop")),
                Optional.ofNullable(named.get("exit-after")).map(Duration::parse),
                Optional.ofNullable(named.get("tab")), Optional.ofNullable(named.get("stats")).map(Path::of));
    }
}
