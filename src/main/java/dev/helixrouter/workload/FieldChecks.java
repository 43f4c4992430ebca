package dev.helixrouter.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every broken rule of a record under construction, so that one refusal lists them
 * all instead of the first one only (the user fixes a preset in one round, not five).
 */
final class FieldChecks {
    private final List<ScenarioProblem> problems = new ArrayList<>();

    /** A multiple of λ*: finite, within 0..{@link ArrivalPattern#MAX_LOAD}, and above 0 unless {@code zeroAllowed}. */
    FieldChecks load(String field, double value, boolean zeroAllowed) {
        boolean ok = zeroAllowed ? value >= 0 : value > 0;
        if (!ok || !(value <= ArrivalPattern.MAX_LOAD)) {
            add(field, (zeroAllowed ? "must be within 0.." : "must be > 0 and <= ") + Numbers.show(ArrivalPattern.MAX_LOAD)
                    + " (a multiple of the calibrated capacity), was " + Numbers.show(value));
        }
        return this;
    }

    /** A whole number of milliseconds within {@code min}..{@link ArrivalPattern#MAX_MS}. */
    FieldChecks millis(String field, long value, long min) {
        if (value < min || value > ArrivalPattern.MAX_MS) {
            add(field, value < min ? "must be >= " + min + ", was " + value
                    : "must be <= " + ArrivalPattern.MAX_MS + " (a year), was " + value);
        }
        return this;
    }

    FieldChecks add(String field, String message) {
        problems.add(new ScenarioProblem(field, message));
        return this;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws a {@link ScenarioException} listing every problem found, if any. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }
}
