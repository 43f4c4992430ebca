package dev.helixrouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over {@link HttpExchange}: bounded body reads, queries, and the response headers every answer gets. */
final class Exchanges {
    static final String JSON = "application/json; charset=utf-8";

    private Exchanges() {}

    /** Sends {@code body} as JSON with {@code status}. */
    static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a whole body with its length (no body for HEAD, but the same headers). */
    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", contentType);
        standardHeaders(h);
        if ("HEAD".equals(ex.getRequestMethod())) {
            h.set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        if (body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Headers on every response: nothing cached, nothing sniffed, never framed. */
    static void standardHeaders(Headers h) {
        if (!h.containsKey("Cache-Control")) {
            h.set("Cache-Control", "no-store");
        }
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
    }

    /**
     * Reads the request body, at most {@code limit} bytes, as strict UTF-8.
     *
     * @throws ApiError 413 if the body is larger, 400 if it is not UTF-8
     */
    static String readBody(HttpExchange ex, int limit) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw ApiError.tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                // the server refuses malformed lengths before we get here
            }
        }
        byte[] buf = new byte[Math.min(limit + 1, 8192)];
        int n = 0;
        try (InputStream in = ex.getRequestBody()) {
            while (true) {
                if (n == buf.length) {
                    if (buf.length > limit) {
                        throw ApiError.tooLarge(limit);
                    }
                    buf = java.util.Arrays.copyOf(buf, Math.min(limit + 1, buf.length * 2));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (n > limit) {
                    throw ApiError.tooLarge(limit);
                }
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("malformed_body", "the request body is not valid UTF-8");
        }
    }

    /**
     * The query's parameters, decoded; a name given twice is refused (which value would win is
     * anyone's guess).
     *
     * @throws ApiError 400 for a malformed query
     */
    static Map<String, String> query(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        if (raw.length() > 2048) {
            throw ApiError.badRequest("bad_query", "the query string is longer than 2048 characters");
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("bad_query", "malformed percent-encoding in the query string");
            }
            if (out.put(name, value) != null) {
                throw ApiError.badRequest("bad_query", "query parameter '" + name + "' is given more than once");
            }
        }
        return out;
    }

    /**
     * The one value of a request header, or null if absent.
     *
     * @throws ApiError 400 if the header is given more than once
     */
    static String singleHeader(HttpExchange ex, String name) {
        List<String> values = ex.getRequestHeaders().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiError.badRequest("bad_header", "the " + name + " header is given more than once");
        }
        return values.getFirst();
    }
}
