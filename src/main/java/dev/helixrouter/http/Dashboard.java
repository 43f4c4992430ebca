package dev.helixrouter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.helixrouter.engine.DecisionEvent;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.AppliedConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import dev.helixrouter.engine.metrics.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /}: the live dashboard, one self-contained page (inline CSS and JS, no external
 * script). It arrives with the numbers already in it — the latest snapshot, the config, the
 * recent decisions and the throughput history, as a JSON data block — so it paints at once; then
 * it polls {@code /api/stats} every second and shows new decisions from the SSE stream.
 *
 * <p>The page is served with a strict Content-Security-Policy: scripts and styles run only if
 * their SHA-256 matches the inline blocks shipped in the page (computed here, once), it may
 * connect only to this server, and it may not be framed.
 */
final class Dashboard {
    static final String RESOURCE = "/dev/helixrouter/http/dashboard.html";
    private static final String PLACEHOLDER = "{{INITIAL}}";
    /** Decisions the page arrives with. */
    static final int RECENT_DECISIONS = 12;

    private final HelixRouter router;
    private final ThroughputHistory history;
    private final String before;
    private final String after;
    private final String csp;

    Dashboard(HelixRouter router, ThroughputHistory history) {
        this.router = router;
        this.history = history;
        String html;
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + RESOURCE + " is missing from the class path");
            }
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = html.indexOf(PLACEHOLDER);
        if (at < 0) {
            throw new IllegalStateException("the dashboard page has no " + PLACEHOLDER + " block");
        }
        before = html.substring(0, at);
        after = html.substring(at + PLACEHOLDER.length());
        // The JSON data block is not a script that runs, so it needs no hash.
        csp = "default-src 'none'; script-src " + hashes(html, "script") + "; style-src " + hashes(html, "style")
                + "; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'";
    }

    void send(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Security-Policy", csp);
        String page = before + initialData() + after;
        Exchanges.send(ex, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /** The numbers the page paints first; {@code <} escaped so no value can close the block. */
    private String initialData() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("stats", SnapshotJson.toTree(router.snapshot()));
        AppliedConfig c = router.currentConfig();
        ObjectNode config = o.putObject("config");
        config.put("version", c.version());
        config.set("config", RouterConfigJson.toTree(c.config()));
        ArrayNode decisions = o.putArray("decisions");
        for (DecisionEvent e : router.decisions().recent(RECENT_DECISIONS)) {
            decisions.add(DecisionJson.toTree(e));
        }
        o.set("history", history.toJson());
        return o.toString().replace("<", "\\u003c");
    }

    /** {@code 'sha256-…'} of every inline {@code <tag>} block (no attributes) of the page. */
    private static String hashes(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add("'sha256-" + Base64.getEncoder().encodeToString(sha256(m.group(1))) + "'");
        }
        return out.isEmpty() ? "'none'" : String.join(" ", out);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
