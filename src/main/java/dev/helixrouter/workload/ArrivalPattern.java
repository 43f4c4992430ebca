package dev.helixrouter.workload;

/**
 * When jobs arrive: a closed set of patterns whose rates are written as multiples of the
 * calibrated capacity λ* (jobs per second the machine can serve, SPEC §8), so a load of 2.0
 * means "twice what this machine can serve" on any machine.
 *
 * <p>Every pattern except {@link AllAtOnce} is a Poisson process whose rate at offset {@code t}
 * from the start is {@code λ* × load multiplier × loadAt(t)}; {@link ArrivalSchedule} turns a
 * pattern into exact, seeded arrival offsets. Millisecond fields are offsets or lengths from the
 * start of the run.
 *
 * <p>Invalid values are refused at construction with a {@link ScenarioException} naming each
 * field as in JSON ({@code on_load}, {@code spike_ms}, …).
 */
public sealed interface ArrivalPattern {

    /** Largest load multiple accepted (1000× the machine's capacity). */
    double MAX_LOAD = 1000.0;
    /** Longest period, ramp or offset accepted, in milliseconds (a year). */
    long MAX_MS = 31_536_000_000L;

    /** The pattern's name in JSON: {@code all_at_once}, {@code poisson}, {@code bursts}, {@code ramp}, {@code spike}. */
    String wireName();

    /**
     * The target rate at {@code offsetNanos} after the start, as a multiple of λ* (before the
     * load multiplier); {@code NaN} for {@link AllAtOnce}, which has no rate.
     */
    double loadAt(long offsetNanos);

    /** A one-line human description, e.g. {@code "Poisson at 2× capacity"}. */
    String describe();

    /**
     * Every job at offset 0, as the original HelixRouter's warm-up: needs a job count, and
     * ignores λ* and the load multiplier.
     */
    record AllAtOnce() implements ArrivalPattern {
        @Override
        public String wireName() {
            return "all_at_once";
        }

        @Override
        public double loadAt(long offsetNanos) {
            return Double.NaN;
        }

        @Override
        public String describe() {
            return "all at once";
        }
    }

    /**
     * A steady Poisson stream: exponential gaps, mean rate {@code load × λ*}.
     *
     * @param load the rate as a multiple of λ*, {@code > 0}
     */
    record Poisson(double load) implements ArrivalPattern {
        /** Validates the load. */
        public Poisson {
            new FieldChecks().load("load", load, false).throwIfAny();
        }

        @Override
        public String wireName() {
            return "poisson";
        }

        @Override
        public double loadAt(long offsetNanos) {
            return load;
        }

        @Override
        public String describe() {
            return "Poisson at " + Numbers.show(load) + "× capacity";
        }
    }

    /**
     * On/off bursts: {@code onMs} at {@code onLoad}, then {@code offMs} at {@code offLoad},
     * repeating from the start; Poisson within each phase.
     *
     * @param onLoad  rate during a burst, {@code > 0}
     * @param offLoad rate between bursts, {@code >= 0}
     * @param onMs    length of a burst, {@code >= 1}
     * @param offMs   length of a pause, {@code >= 1}
     */
    record Bursts(double onLoad, double offLoad, long onMs, long offMs) implements ArrivalPattern {
        /** Validates every field. */
        public Bursts {
            new FieldChecks().load("on_load", onLoad, false).load("off_load", offLoad, true)
                    .millis("on_ms", onMs, 1).millis("off_ms", offMs, 1).throwIfAny();
        }

        @Override
        public String wireName() {
            return "bursts";
        }

        @Override
        public double loadAt(long offsetNanos) {
            long period = (onMs + offMs) * 1_000_000L;
            return Math.floorMod(offsetNanos, period) < onMs * 1_000_000L ? onLoad : offLoad;
        }

        @Override
        public String describe() {
            return "bursts of " + onMs + " ms at " + Numbers.show(onLoad) + "×, " + offMs + " ms at "
                    + Numbers.show(offLoad) + "×";
        }
    }

    /**
     * A linear ramp from {@code fromLoad} to {@code toLoad} over {@code rampMs}, then steady at
     * {@code toLoad}.
     *
     * @param fromLoad rate at the start, {@code >= 0}
     * @param toLoad   rate at the end of the ramp and after it, {@code >= 0}
     * @param rampMs   length of the ramp, {@code >= 1}
     */
    record Ramp(double fromLoad, double toLoad, long rampMs) implements ArrivalPattern {
        /** Validates every field; at least one of the loads must be above 0. */
        public Ramp {
            FieldChecks checks = new FieldChecks().load("from_load", fromLoad, true).load("to_load", toLoad, true)
                    .millis("ramp_ms", rampMs, 1);
            if (checks.isEmpty() && fromLoad == 0 && toLoad == 0) {
                checks.add("to_load", "from_load and to_load are both 0, so no job would ever arrive");
            }
            checks.throwIfAny();
        }

        @Override
        public String wireName() {
            return "ramp";
        }

        @Override
        public double loadAt(long offsetNanos) {
            double rampNanos = rampMs * 1e6;
            if (offsetNanos >= rampNanos) {
                return toLoad;
            }
            double f = Math.max(0, offsetNanos) / rampNanos;
            return fromLoad + (toLoad - fromLoad) * f;
        }

        @Override
        public String describe() {
            return "ramp from " + Numbers.show(fromLoad) + "× to " + Numbers.show(toLoad) + "× over " + rampMs + " ms";
        }
    }

    /**
     * A steady base with one spike: {@code baseLoad}, then {@code spikeLoad} from
     * {@code spikeAtMs} for {@code spikeMs}, then {@code baseLoad} again.
     *
     * @param baseLoad  rate outside the spike, {@code >= 0}
     * @param spikeLoad rate during the spike, {@code > 0}
     * @param spikeAtMs when the spike starts, {@code >= 0}
     * @param spikeMs   how long it lasts, {@code >= 1}
     */
    record Spike(double baseLoad, double spikeLoad, long spikeAtMs, long spikeMs) implements ArrivalPattern {
        /** Validates every field. */
        public Spike {
            new FieldChecks().load("base_load", baseLoad, true).load("spike_load", spikeLoad, false)
                    .millis("spike_at_ms", spikeAtMs, 0).millis("spike_ms", spikeMs, 1).throwIfAny();
        }

        @Override
        public String wireName() {
            return "spike";
        }

        @Override
        public double loadAt(long offsetNanos) {
            long start = spikeAtMs * 1_000_000L;
            return offsetNanos >= start && offsetNanos - start < spikeMs * 1_000_000L ? spikeLoad : baseLoad;
        }

        @Override
        public String describe() {
            return Numbers.show(baseLoad) + "× with a spike to " + Numbers.show(spikeLoad) + "× at " + spikeAtMs
                    + " ms for " + spikeMs + " ms";
        }
    }
}
