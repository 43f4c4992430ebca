package dev.helixrouter.workload;

import dev.helixrouter.engine.config.NearestName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Nearest-name suggestions for unknown keys and choices, so a typo in a hand-written preset
 * says what was meant instead of only what is wrong.
 *
 * <p>The distance itself is the engine's {@link NearestName}, shared with the config codec.
 */
final class Suggestions {

    private Suggestions() {}

    /**
     * The known name nearest to {@code name}, if it is close enough to be a plausible typo.
     * {@link NearestName} reads the typed name as snake_case, so known names are read the same
     * way first: CamelCase ones (the job kinds) are suggested too.
     */
    static Optional<String> nearest(String name, Collection<String> known) {
        Map<String, String> bySnakeCase = new LinkedHashMap<>();
        for (String k : known) {
            bySnakeCase.putIfAbsent(k.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT), k);
        }
        return NearestName.nearest(name, bySnakeCase.keySet()).map(bySnakeCase::get);
    }

    /** "unknown key 'x' (did you mean 'y'?)", or the list of known keys when none is near. */
    static String unknownKey(String name, Collection<String> known) {
        String shown = abbreviate(name);
        return nearest(name, known)
                .map(k -> "unknown key '" + shown + "' (did you mean '" + k + "'?)")
                .orElseGet(() -> "unknown key '" + shown + "'; known keys are " + String.join(", ", known));
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
