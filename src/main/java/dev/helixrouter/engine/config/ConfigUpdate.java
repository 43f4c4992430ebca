package dev.helixrouter.engine.config;

import java.util.List;

/** TEMP until the helper's version lands. */
public sealed interface ConfigUpdate {
    record Applied(AppliedConfig previous, AppliedConfig current) implements ConfigUpdate {}
    record Rejected(List<ConfigViolation> violations) implements ConfigUpdate {}
    record Conflict(long expectedVersion, long currentVersion) implements ConfigUpdate {}
}
