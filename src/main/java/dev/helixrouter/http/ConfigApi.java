package dev.helixrouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.config.AppliedConfig;
import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.ConfigViolation;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.OptionalLong;

/**
 * {@code /api/config}: read the config in force with its version, replace it, or merge a patch
 * onto it — all or nothing, through the engine's {@link ConfigStore}.
 *
 * <p>The document is the one config shape of SPEC §5. Answers carry it under {@code config}
 * with the version beside it, {@code {"version":3,"config":{...}}}, because the version is not a
 * config key: a document read here can be saved and loaded anywhere as is.
 *
 * <p>A writer may name the version it started from — {@code If-Match: "3"},
 * {@code ?expected_version=3}, or a top-level {@code "expected_version": 3} in the body (taken
 * out before the document is read) — and is refused with 409 if the config moved on.
 */
final class ConfigApi {
    static final String EXPECTED_VERSION = "expected_version";
    private static final BigDecimal MAX_VERSION = BigDecimal.valueOf(Long.MAX_VALUE);

    private final ConfigStore store;

    ConfigApi(ConfigStore store) {
        this.store = store;
    }

    /** {@code {"version":N,"config":{...}}} of the config in force. */
    ObjectNode current() {
        return describe(store.current(), null);
    }

    /** The version in force (for the ETag header). */
    long version() {
        return store.current().version();
    }

    /** Replaces the whole config; keys left out take their defaults. */
    ObjectNode replace(JsonNode body, OptionalLong fromHeaders) {
        OptionalLong expected = expectedVersion(body, fromHeaders);
        RouterConfig next;
        try {
            next = RouterConfigJson.fromTree(body, RouterConfig.defaults());
        } catch (ConfigException e) {
            throw invalid(e.violations());
        }
        return outcome(store.replace(next, expected));
    }

    /** Merges a sparse document onto the config in force. */
    ObjectNode patch(JsonNode body, OptionalLong fromHeaders) {
        OptionalLong expected = expectedVersion(body, fromHeaders);
        ConfigPatch patch;
        try {
            patch = RouterConfigJson.patchFromTree(body);
        } catch (ConfigException e) {
            throw invalid(withRuleViolations(body, e.violations()));
        }
        return outcome(store.patch(patch, expected));
    }

    /**
     * A patch with bad keys or values is refused before it is merged, so the engine reports only
     * those; the rules its good keys would break on the config in force are reported too, so
     * that one answer lists every problem.
     */
    private List<ConfigViolation> withRuleViolations(JsonNode body, List<ConfigViolation> typeProblems) {
        if (!(body instanceof ObjectNode o)) {
            return typeProblems;
        }
        ObjectNode good = o.deepCopy();
        Set<String> bad = new HashSet<>();
        for (ConfigViolation v : typeProblems) {
            bad.add(v.key());
        }
        if (bad.contains("$")) {
            return typeProblems;
        }
        good.remove(bad);
        List<ConfigViolation> all = new ArrayList<>(typeProblems);
        try {
            for (ConfigViolation v : RouterConfigJson.patchFromTree(good).applyTo(store.config()).violations()) {
                if (!bad.contains(v.key())) {
                    all.add(v);
                }
            }
        } catch (ConfigException e) {
            return typeProblems;
        }
        return all;
    }

    private ObjectNode outcome(ConfigUpdate update) {
        return switch (update) {
            case ConfigUpdate.Applied a -> describe(a.current(), a.changed());
            case ConfigUpdate.Rejected r -> throw invalid(r.violations());
            case ConfigUpdate.Conflict c -> throw ApiError.conflict(c.expectedVersion(), c.currentVersion());
        };
    }

    private static ApiError invalid(List<ConfigViolation> violations) {
        return ApiError.invalid("invalid_config", violations.size() == 1 ? "the config has 1 problem; nothing was "
                + "applied" : "the config has " + violations.size() + " problems; nothing was applied", violations);
    }

    private static ObjectNode describe(AppliedConfig applied, Boolean changed) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("version", applied.version());
        if (changed != null) {
            o.put("changed", changed);
        }
        o.set("config", RouterConfigJson.toTree(applied.config()));
        return o;
    }

    /**
     * The expected version from the body's {@code expected_version} (removed from the body) and
     * from the headers or query; if both name one, they must agree.
     */
    private static OptionalLong expectedVersion(JsonNode body, OptionalLong fromHeaders) {
        if (!(body instanceof ObjectNode o) || !o.has(EXPECTED_VERSION)) {
            return fromHeaders;
        }
        JsonNode v = o.remove(EXPECTED_VERSION);
        long fromBody = versionNumber(v);
        if (fromHeaders.isPresent() && fromHeaders.getAsLong() != fromBody) {
            throw ApiError.badRequest("bad_expected_version", "the expected version is given twice, as "
                    + fromHeaders.getAsLong() + " and as " + fromBody);
        }
        return OptionalLong.of(fromBody);
    }

    private static long versionNumber(JsonNode v) {
        if (v.isNumber()) {
            // Judged on the exact decimal, compared before any conversion: 1e999999999 is cheap to refuse.
            BigDecimal d = v.decimalValue();
            if (d.signum() >= 0 && d.compareTo(MAX_VERSION) <= 0
                    && (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0)) {
                return d.longValueExact();
            }
        }
        throw ApiError.invalid("invalid_config", "expected_version must be a whole number >= 0",
                List.of(new ConfigViolation(EXPECTED_VERSION, "must be a whole number >= 0 (a config version), was "
                        + clip(v.toString()))));
    }

    /**
     * Parses a version given as text (an {@code If-Match} entity tag or a query parameter).
     *
     * @throws ApiError 400 if it is not a version
     */
    static long parseVersion(String text, String source) {
        String t = text.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!t.matches("\\d{1,18}")) {
            throw ApiError.badRequest("bad_expected_version", source + " must be one config version, e.g. \"3\"; was '"
                    + clip(text) + "'");
        }
        return Long.parseLong(t);
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
