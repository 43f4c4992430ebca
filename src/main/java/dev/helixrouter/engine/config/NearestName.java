package dev.helixrouter.engine.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Nearest-name suggestions for unknown keys and choices — "did you mean 'inline_threshold'?" —
 * so a typo in a hand-written config, preset or trace says what was meant, not only what is
 * wrong. Used by the config codec and by the workload formats.
 */
public final class NearestName {
    private NearestName() {}

    /**
     * The known name nearest to {@code name}, if close enough to be a plausible typo (at most a
     * third of its length in edits, and at least 2 allowed). camelCase, kebab-case and upper case
     * are read as snake_case first.
     */
    public static Optional<String> nearest(String name, Collection<String> known) {
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
        if (best != null && bestDistance <= Math.max(2, best.length() / 3)) {
            return Optional.of(best);
        }
        return Optional.empty();
    }

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
            return Integer.MAX_VALUE; // no known name is that long; spare the quadratic table
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
