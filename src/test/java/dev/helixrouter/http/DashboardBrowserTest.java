package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: headless Chromium loads the page from the server and the DOM
 * shows the router's live numbers. The page's own scripts must run for that (the
 * Content-Security-Policy allows them by hash), and its polling must reach {@code /api/stats}.
 */
class DashboardBrowserTest {
    private static HttpFixture http;

    @TempDir
    Path profile;

    @BeforeAll
    static void start() {
        http = HttpFixture.start();
        http.runJobs(400, 7);
        http.idleSnapshot();
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void thePage_paintsTheLiveNumbers_andTheRecentDecisions() throws Exception {
        String dom = dumpDom(http.base.toString(), false);
        assertTrue(dom.contains("data-live=\"true\""), "the page's script ran and rendered:\n" + head(dom));
        long submitted = number(dom, "submitted");
        assertEquals(http.router.snapshot().submitted(), submitted);
        assertTrue(submitted >= 400, "submitted " + submitted);
        assertTrue(number(dom, "routed-cpu_pool") + number(dom, "routed-spawn") > 0);
        assertTrue(dom.contains("class=\"badge\""), "recent decisions are listed");
        assertTrue(dom.contains("-&gt; ") || dom.contains("-> "), "with their explanations");
    }

    @Test
    void thePage_keepsPollingTheStats() throws Exception {
        // Virtual time runs the page's timers without waiting for them; the stream is off because an
        // open event stream would hold virtual time still.
        String dom = dumpDom(http.base.resolve("/?stream=off").toString(), true);
        Matcher updates = Pattern.compile("data-updates=\"(\\d+)\"").matcher(dom);
        assertTrue(updates.find(), head(dom));
        assertTrue(Integer.parseInt(updates.group(1)) >= 2, "one paint from the served numbers, then polls: "
                + updates.group(1));
        assertTrue(number(dom, "submitted") >= 400);
        assertTrue(dom.contains("stream: off"), "the stream was off as asked");
    }

    private String dumpDom(String url, boolean virtualTime) throws IOException, InterruptedException {
        Path chromium = ExternalTool.require("chromium", "chromium");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800"));
        if (virtualTime) {
            cmd.add("--virtual-time-budget=3000");
        }
        cmd.add("--dump-dom");
        cmd.add(url);
        Path out = profile.resolve("dom.html");
        Path err = profile.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 40 s; its log:\n" + Files.readString(err));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(dom.contains("<html"), "chromium printed no DOM (exit " + p.exitValue() + "); its log:\n"
                + Files.readString(err));
        return dom;
    }

    /** The number in the element with {@code id}, separators removed. */
    private static long number(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        assertTrue(m.find(), "no element #" + id + " in:\n" + head(dom));
        String text = m.group(1).replace(",", "").trim();
        assertTrue(text.matches("\\d+"), "#" + id + " shows '" + text + "', not a number");
        return Long.parseLong(text);
    }

    private static String head(String dom) {
        return dom.substring(0, Math.min(3000, dom.length()));
    }
}
