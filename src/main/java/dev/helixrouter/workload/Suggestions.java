package dev.helixrouter.workload;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Nearest-name suggestions for unknown keys and choices, so a typo in a hand-written preset
 * says what was meant instead of only what is wrong.
 *
 * <p>A copy of the engine config's small edit-distance helper (which is package-private there):
 * the workload layer should not reach into engine internals for twenty lines of code.
 */
final class Suggestions {

    private Suggestions() {}

    /** The known name nearest to {@code name}, if it is close enough to be a plausible typo. */
    static Optional<String> nearest(String name, Collection<String> known) {
        String normalized = normalize(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(normalized, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // Suggest only plausible typos: a third of the name's length, at least 2 edits.
        if (best != null && bestDistance <= Math.max(2, best.length() / 3)) {
            return Optional.of(best);
        }
        return Optional.empty();
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

    /** camelCase, kebab-case and upper case map onto snake_case before distances are measured. */
    private static String normalize(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_');
        return snake.toLowerCase(Locale.ROOT);
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
     * neighbouring letters each cost one, the usual shapes of a typo.
     */
    static int distance(String a, String b) {
        if (a.length() > 200) {
            return Integer.MAX_VALUE; // no key is that long; spare the quadratic table
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
