package dev.helixrouter.workload;

import java.util.Objects;

/**
 * One thing wrong with a scenario, a workload or an arrival pattern.
 *
 * @param path    where: the dotted JSON path of the field at fault ({@code "arrival.load"},
 *                {@code "config.inline_threshold"}), or {@code "$"} for the document as a whole
 * @param message what is wrong, in words a user can act on
 */
public record ScenarioProblem(String path, String message) {

    /** Checks that both parts are present. */
    public ScenarioProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** This problem one level deeper: {@code prefix.path} ({@code "$"} becomes {@code prefix}). */
    public ScenarioProblem under(String prefix) {
        return new ScenarioProblem(path.equals("$") ? prefix : prefix + "." + path, message);
    }

    /** {@code path: message}, or just the message for the document as a whole. */
    @Override
    public String toString() {
        return path.equals("$") ? message : path + ": " + message;
    }
}
