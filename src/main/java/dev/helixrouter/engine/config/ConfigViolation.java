package dev.helixrouter.engine.config;

/**
 * One broken rule of a configuration.
 *
 * @param key     the snake_case key at fault (as in the JSON)
 * @param message what is wrong, in words a user can act on
 */
public record ConfigViolation(String key, String message) {
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
