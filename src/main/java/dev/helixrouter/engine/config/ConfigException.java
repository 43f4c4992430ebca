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
        // Several unknown keys with no near match would each repeat the list of known keys: the
        // list is given once, after the problems.
        String known = null;
        for (ConfigViolation v : violations) {
            String message = v.message();
            int at = message.startsWith("unknown key") ? message.indexOf(ConfigValues.KNOWN_KEYS_PREFIX) : -1;
            if (at >= 0) {
                known = message.substring(at + ConfigValues.KNOWN_KEYS_PREFIX.length());
                message = message.substring(0, at);
            }
            sb.append("\n  - ").append(v.key()).append(": ").append(message);
        }
        if (known != null) {
            sb.append("\n  known keys: ").append(known);
        }
        return sb.toString();
    }
}
