package dev.helixrouter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.config.ConfigViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A request the API refuses, with the status and the JSON body that say why. Every refusal the
 * API makes goes through here, so every error body has the same shape:
 * <pre>{"error":"invalid_config","message":"...","violations":[{"key":"...","message":"..."}]}</pre>
 * {@code error} is a stable code for programs, {@code message} a sentence for people;
 * {@code violations} appears on 422 only.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final List<ConfigViolation> violations;
    private final Map<String, String> headers;
    private final transient Consumer<ObjectNode> extra;

    private ApiError(int status, String code, String message, List<ConfigViolation> violations,
                     Map<String, String> headers, Consumer<ObjectNode> extra) {
        super(message, null, false, false); // an expected outcome: no stack trace needed
        this.status = status;
        this.code = code;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
        this.extra = extra;
    }

    static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, List.of(), Map.of(), null);
    }

    static ApiError badRequest(String code, String message) {
        return of(400, code, message);
    }

    static ApiError invalid(String code, String message, List<ConfigViolation> violations) {
        return new ApiError(422, code, message, violations, Map.of(), null);
    }

    static ApiError methodNotAllowed(String method, String path, String allow) {
        return new ApiError(405, "method_not_allowed", method + " is not allowed on " + path + "; allowed: " + allow,
                List.of(), Map.of("Allow", allow), null);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message, List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"helixrouter\""), null);
    }

    static ApiError tooLarge(long limit) {
        // Close the connection: the rest of an oversized body is never read.
        return new ApiError(413, "body_too_large", "the request body is larger than the limit of " + limit + " bytes",
                List.of(), Map.of("Connection", "close"), null);
    }

    static ApiError conflict(long expected, long current) {
        return new ApiError(409, "version_conflict", "the config is at version " + current + ", not " + expected
                + " as expected: re-read it with GET /api/config, redo the change and send it again", List.of(),
                Map.of(), body -> {
                    body.put("expected_version", expected);
                    body.put("current_version", current);
                });
    }

    /** This refusal with an extra response header. */
    ApiError withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiError(status, code, getMessage(), violations, h, extra);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    List<ConfigViolation> violations() {
        return violations;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The JSON body. */
    ObjectNode body() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("error", code);
        o.put("message", getMessage());
        if (!violations.isEmpty()) {
            ArrayNode list = o.putArray("violations");
            for (ConfigViolation v : violations) {
                list.addObject().put("key", v.key()).put("message", v.message());
            }
        }
        if (extra != null) {
            extra.accept(o);
        }
        return o;
    }
}
