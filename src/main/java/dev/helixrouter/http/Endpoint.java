package dev.helixrouter.http;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API's resources, matched on the exact raw path: no decoding, no normalisation, no
 * trailing-slash or double-slash leniency. So {@code /api/../api/stats}, {@code %2e%2e},
 * {@code //api//stats} and {@code /api/stats/} are simply unknown paths (404): there is nothing
 * to traverse, and one resource has one name.
 */
enum Endpoint {
    DASHBOARD("/", "dashboard", Set.of("GET", "HEAD"), Set.of()),
    HEALTH("/health", "health", Set.of("GET", "HEAD"), Set.of()),
    METRICS("/metrics", "metrics", Set.of("GET", "HEAD"), Set.of()),
    STATS("/api/stats", "stats", Set.of("GET", "HEAD"), Set.of()),
    CONFIG("/api/config", "config", Set.of("GET", "HEAD"), Set.of("POST", "PATCH")),
    TELEMETRY("/api/telemetry", "telemetry", Set.of(), Set.of("POST")),
    NEURAL("/api/neural", "neural", Set.of("GET", "HEAD"), Set.of()),
    DECISIONS("/api/stream/decisions", "decisions", Set.of("GET"), Set.of());

    private static final Map<String, Endpoint> BY_PATH = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(e -> e.path, Function.identity()));

    private final String path;
    private final String label;
    private final Set<String> reads;
    private final Set<String> writes;
    private final String allow;

    Endpoint(String path, String label, Set<String> reads, Set<String> writes) {
        this.path = path;
        this.label = label;
        this.reads = reads;
        this.writes = writes;
        this.allow = Stream.of("GET", "HEAD", "POST", "PATCH")
                .filter(m -> reads.contains(m) || writes.contains(m))
                .collect(Collectors.joining(", ")) + ", OPTIONS";
    }

    /** The endpoint at exactly {@code rawPath}, or null. */
    static Endpoint byPath(String rawPath) {
        return BY_PATH.get(rawPath);
    }

    String path() {
        return path;
    }

    /** The endpoint's name in metrics labels. */
    String label() {
        return label;
    }

    /** Whether {@code method} is served here. */
    boolean allows(String method) {
        return reads.contains(method) || writes.contains(method);
    }

    /** Whether {@code method} changes the router here (needs the token, and a same-origin page). */
    boolean mutates(String method) {
        return writes.contains(method);
    }

    /** The Allow header's value. */
    String allow() {
        return allow;
    }
}
