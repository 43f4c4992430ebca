package dev.helixrouter.cli;

import dev.helixrouter.engine.config.ConfigViolation;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reading and describing the inputs the commands share: environment numbers and config problems. */
final class CommandInputs {
    private CommandInputs() {}

    /**
     * The whole number in environment variable {@code name} within [min, max], or null if unset;
     * a bad value is a usage error naming the variable.
     */
    static Long envLong(Map<String, String> env, CommandSpec spec, String name, long min, long max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < min || v > max) {
                throw new ParameterException(spec.commandLine(), name + " must be within " + min + ".." + max
                        + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), name + " must be a whole number, was '" + raw + "'");
        }
    }

    /** Config problems as a list, one per line, each key prefixed (e.g. {@code config.}). */
    static String describe(List<ConfigViolation> violations, String prefix) {
        StringBuilder sb = new StringBuilder(violations.size() == 1 ? "1 problem" : violations.size() + " problems");
        for (ConfigViolation v : violations) {
            sb.append("\n  - ").append(prefix).append(v.key()).append(": ").append(v.message());
        }
        return sb.toString();
    }
}
