package dev.helixrouter.engine.config;

import java.util.List;
import java.util.Objects;

/**
 * What became of a change offered to a {@link ConfigStore}: {@link Applied}, {@link Rejected}
 * because the resulting config breaks rules, or refused with a {@link Conflict} because the
 * store moved past the version the writer started from. A refused change leaves the store
 * exactly as it was.
 */
public sealed interface ConfigUpdate {

    /** Whether the change is in force (it may have been a no-op, see {@link Applied#changed()}). */
    default boolean isApplied() {
        return this instanceof Applied;
    }

    /**
     * The change is in force.
     *
     * @param previous the config before the change
     * @param current  the config now in force; the same as {@code previous} when the change
     *                 asked for the config already in force (no version is spent on a no-op)
     */
    record Applied(AppliedConfig previous, AppliedConfig current) implements ConfigUpdate {
        public Applied {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(current, "current");
        }

        /** Whether a new version was installed (false for a no-op). */
        public boolean changed() {
            return current.version() != previous.version();
        }
    }

    /**
     * The resulting config would break rules; nothing changed.
     *
     * @param violations every broken rule, each naming its key (at least one)
     */
    record Rejected(List<ConfigViolation> violations) implements ConfigUpdate {
        public Rejected {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one violation");
            }
        }
    }

    /**
     * The writer named the version it started from, and the store has moved on since; nothing
     * changed. Re-read {@link ConfigStore#current()}, redo the change on it, and try again.
     *
     * @param expectedVersion the version the writer expected
     * @param currentVersion  the version in force
     */
    record Conflict(long expectedVersion, long currentVersion) implements ConfigUpdate {}
}
