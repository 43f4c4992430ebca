package dev.helixrouter.lab.model;

import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.lab.run.Pace;
import dev.helixrouter.lab.run.RunFactory;
import dev.helixrouter.lab.run.RunSpec;
import dev.helixrouter.lab.run.TimeMode;
import dev.helixrouter.workload.RunOverrides;
import dev.helixrouter.workload.Scenario;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The toolbar's run settings — time mode, modelled cores and pace, seed, load multiplier, loop,
 * and the command line's job count — and how they turn a scenario and a config into a
 * {@link RunSpec}. The pace is the one setting that applies to a run in progress. A time mode whose {@link RunFactory} is unavailable cannot be chosen: the
 * choice snaps back with a notice saying why.
 */
public final class RunSettings {
    /**
     * A spec, or why there is none.
     *
     * @param spec    the spec, if the settings make one
     * @param title   what is wrong, in one line (empty with a spec)
     * @param detail  the specifics (empty with a spec)
     */
    public record Attempt(Optional<RunSpec> spec, String title, String detail) {
        static Attempt refused(String title, String detail) {
            return new Attempt(Optional.empty(), title, detail);
        }
    }

    private final Map<TimeMode, RunFactory> factories;
    private final int machineCores;
    private final ObjectProperty<TimeMode> timeMode = new SimpleObjectProperty<>(this, "timeMode", TimeMode.LIVE);
    private final IntegerProperty modelledCores = new SimpleIntegerProperty(this, "modelledCores");
    private final ObjectProperty<Pace> pace = new SimpleObjectProperty<>(this, "pace", Pace.REAL_TIME);
    private final StringProperty seedText = new SimpleStringProperty(this, "seedText", "");
    private final DoubleProperty load = new SimpleDoubleProperty(this, "load", 1.0);
    private final BooleanProperty loop = new SimpleBooleanProperty(this, "loop");
    private OptionalLong jobsOverride = OptionalLong.empty();

    RunSettings(Map<TimeMode, RunFactory> factories, int machineCores, Notifications notifications) {
        this.factories = new EnumMap<>(factories);
        this.machineCores = machineCores;
        modelledCores.set(machineCores);
        timeMode.addListener((o, was, now) -> {
            Optional<String> why = unavailableReason(now);
            if (why.isPresent()) {
                notifications.warning(now.wireName() + " time is not available", why.get());
                timeMode.set(was);
            }
        });
    }

    /** The spec of a run of {@code scenario} with {@code config} and these settings, or why not. */
    Attempt spec(Scenario scenario, RouterConfig config) {
        long seed;
        try {
            seed = Long.parseLong(seedText.get().strip());
        } catch (NumberFormatException e) {
            return Attempt.refused("The seed must be a whole number", "was '" + seedText.get() + "'");
        }
        Optional<String> why = unavailableReason(timeMode.get());
        if (why.isPresent()) {
            return Attempt.refused(timeMode.get().wireName() + " time is not available", why.get());
        }
        RunOverrides o = RunOverrides.NONE.withSeed(seed);
        if (jobsOverride.isPresent()) {
            o = o.withJobs(jobsOverride.getAsLong());
        }
        try {
            return new Attempt(Optional.of(new RunSpec(o.applyTo(scenario), config, load.get(), timeMode.get(),
                    cores())), "", "");
        } catch (IllegalArgumentException e) {
            return Attempt.refused("Cannot start this run", e.getMessage());
        }
    }

    /** The factory for {@code mode}. */
    RunFactory factory(TimeMode mode) {
        return factories.get(mode);
    }

    /** Why {@code mode} cannot run, if it cannot. */
    public Optional<String> unavailableReason(TimeMode mode) {
        RunFactory f = factories.get(mode);
        return f == null ? Optional.of(mode.wireName() + " time is not part of this build") : f.unavailableReason();
    }

    /** Replaces the job count of every run (the command line's {@code --jobs}); empty keeps the scenario's. */
    public void setJobsOverride(OptionalLong jobs) {
        this.jobsOverride = Objects.requireNonNull(jobs, "jobs");
    }

    /** Processors of the machine the next run runs on: this one in live time, the modelled one in virtual time. */
    public int cores() {
        return timeMode.get() == TimeMode.LIVE ? machineCores : modelledCores.get();
    }

    /** The processors of this machine. */
    public int machineCores() {
        return machineCores;
    }

    /** Live or virtual. */
    public ObjectProperty<TimeMode> timeModeProperty() {
        return timeMode;
    }

    /** Processors of the modelled machine (virtual time). */
    public IntegerProperty modelledCoresProperty() {
        return modelledCores;
    }

    /** How fast a virtual run's time passes against the wall clock; may change while the run goes. */
    public ObjectProperty<Pace> paceProperty() {
        return pace;
    }

    /** The generator's seed as typed (the selected scenario's until changed). */
    public StringProperty seedTextProperty() {
        return seedText;
    }

    /** Multiplies every arrival rate of the scenario (a multiple of this machine's capacity λ*). */
    public DoubleProperty loadProperty() {
        return load;
    }

    /** Whether a finished run starts again by itself (demos, soak runs). */
    public BooleanProperty loopProperty() {
        return loop;
    }
}
