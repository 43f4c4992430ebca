package dev.helixrouter.engine;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What kind of work a job is. Jobs of one kind batch together, and metrics are kept per kind.
 *
 * <p>Kinds are interned: {@code JobKind.of("x") == JobKind.of("x")}. The built-in kinds used by
 * the simulator are {@link #HASH_MIX}, {@link #PRIME_COUNT} and {@link #MONTE_CARLO_RISK}; a
 * library user names their own.
 */
public final class JobKind {
    private static final ConcurrentHashMap<String, JobKind> KINDS = new ConcurrentHashMap<>();

    /** FNV-style hash mixing. */
    public static final JobKind HASH_MIX = of("HashMix");
    /** Prime counting by a sieve. */
    public static final JobKind PRIME_COUNT = of("PrimeCount");
    /** Monte Carlo value at risk. */
    public static final JobKind MONTE_CARLO_RISK = of("MonteCarloRisk");

    private final String name;

    private JobKind(String name) {
        this.name = name;
    }

    /** The kind named {@code name} (1–64 characters of letters, digits, '_', '-', '.'). */
    public static JobKind of(String name) {
        Objects.requireNonNull(name, "kind");
        JobKind k = KINDS.get(name);
        if (k != null) {
            return k;
        }
        if (!validName(name)) {
            String shown = name.length() <= 70 ? name : name.substring(0, 64) + "... (" + name.length() + " characters)";
            throw new IllegalArgumentException(
                    "kind: '" + shown + "' must be 1-64 characters of letters, digits, '_', '-' or '.'");
        }
        return KINDS.computeIfAbsent(name, JobKind::new);
    }

    /** Whether {@code name} can name a kind: 1–64 characters of letters, digits, '_', '-', '.'. */
    public static boolean validName(String name) {
        return !name.isEmpty() && name.length() <= 64 && name.chars().allMatch(JobKind::allowed);
    }

    private static boolean allowed(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /** The kind's name, as written in JSON and metrics labels. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
