package dev.helixrouter.engine.config;

import java.util.List;

/** A configuration was refused; {@link #violations()} lists every reason, each naming its key. */
public final class ConfigException extends RuntimeException {
    private final transient List<ConfigViolation> violations;

    /** Refusal for the given violations (at least one). */
    public ConfigException(List<ConfigViolation> violations) {
        super(format(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every violated rule. */
    public List<ConfigViolation> violations() {
        return violations;
    }

    private static String format(List<ConfigViolation> violations) {
        StringBuilder sb = new StringBuilder("invalid configuration (" + violations.size()
                + (violations.size() == 1 ? " problem)" : " problems)"));
        for (ConfigViolation v : violations) {
            sb.append("\n  - ").append(v);
        }
        return sb.toString();
    }
}
