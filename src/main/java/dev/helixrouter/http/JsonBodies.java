package dev.helixrouter.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses request bodies into JSON trees, strictly: a body that is not exactly one JSON value is
 * a 400 ({@code malformed_json}) with the line and column. Whether the value is the right
 * <em>shape</em> (an object with known keys of the right types) is the endpoint's business, and
 * a wrong shape is a 422.
 *
 * <p>Limits keep a hostile body cheap to refuse: nesting deeper than 32 levels and numbers longer
 * than 1 000 digits are refused while parsing. {@code NaN} and {@code Infinity} are let through
 * the parser on purpose, so that they are refused by key ("inline_threshold: NaN is not a
 * number") rather than as a bare syntax error. Duplicate keys are refused: which value would win
 * is anyone's guess.
 */
final class JsonBodies {
    static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(1000)
                            .build())
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodies() {}

    /**
     * The body as a JSON tree.
     *
     * @throws ApiError 400 if it is empty or not one well-formed JSON value
     */
    static JsonNode parse(String body) {
        if (body.isBlank()) {
            throw ApiError.badRequest("malformed_json", "the request body is empty; send a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("malformed_json", "the request body is empty; send a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            String what = e.getOriginalMessage().contains("nesting depth")
                    ? "the JSON is nested deeper than " + MAX_NESTING_DEPTH + " levels"
                    : "the JSON exceeds a size limit: " + e.getOriginalMessage();
            throw ApiError.badRequest("malformed_json", what);
        } catch (JacksonException e) {
            String why = e.getOriginalMessage().replace(" (or 'NaN'/'+INF'/'-INF')", "");
            throw ApiError.badRequest("malformed_json", "malformed JSON" + at(e.getLocation()) + ": " + clip(why));
        }
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
