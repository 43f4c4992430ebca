package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client on a raw socket: it sees comments (heartbeats, "lost N"), which
 * EventSource hides, and a test can make it stop reading to play a slow client.
 */
final class SseClient implements AutoCloseable {
    /** One dispatched message: the fields of the lines before a blank line. */
    record Message(String id, String event, String data, List<String> comments) {}

    final int status;
    final Map<String, String> headers;
    private final Socket socket;
    private final InputStream in;
    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(Socket socket, HttpFixture.Raw head, InputStream in, boolean read) {
        this.socket = socket;
        this.status = head.status();
        this.headers = head.headers();
        this.in = in;
        this.reader = read ? Thread.ofPlatform().name("test-sse-reader").daemon(true).start(this::readLoop) : null;
    }

    static SseClient open(HttpFixture http, String path, String... headerLines) throws IOException {
        return open(http, path, true, headerLines);
    }

    /** With {@code read} false nothing reads the stream after its headers: a client that stalls. */
    static SseClient open(HttpFixture http, String path, boolean read, String... headerLines) throws IOException {
        Socket s = new Socket();
        if (!read) {
            s.setReceiveBufferSize(4096);
        }
        s.connect(new InetSocketAddress("127.0.0.1", http.port()), 10_000);
        s.setSoTimeout(read ? 0 : 10_000);
        StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\n");
        for (String h : headerLines) {
            req.append(h).append("\r\n");
        }
        s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        HttpFixture.Raw head = readHead(in);
        assertEquals(200, head.status(), "stream refused: " + head);
        return new SseClient(s, head, in, read);
    }

    private static HttpFixture.Raw readHead(InputStream in) throws IOException {
        String statusLine = HttpFixture.line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String h = HttpFixture.line(in); h != null && !h.isEmpty(); h = HttpFixture.line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).trim());
        }
        return new HttpFixture.Raw(status, headers, "");
    }

    private void readLoop() {
        StringBuilder pending = new StringBuilder();
        String id = null;
        String event = null;
        StringBuilder data = null;
        List<String> msgComments = new ArrayList<>();
        try {
            while (true) {
                String size = HttpFixture.line(in);
                if (size == null) {
                    return;
                }
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    return;
                }
                byte[] chunk = in.readNBytes(n);
                HttpFixture.line(in);
                pending.append(new String(chunk, StandardCharsets.UTF_8));
                int nl;
                while ((nl = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, nl);
                    pending.delete(0, nl + 1);
                    if (line.isEmpty()) {
                        if (data != null || event != null || id != null) {
                            messages.add(new Message(id, event, data == null ? null : data.toString(),
                                    List.copyOf(msgComments)));
                        }
                        id = null;
                        event = null;
                        data = null;
                        msgComments.clear();
                    } else if (line.startsWith(":")) {
                        comments.add(line.substring(1).trim());
                        msgComments.add(line.substring(1).trim());
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n')
                                .append(line.substring(6));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed
        }
    }

    /** The next message, waiting at most 10 s. */
    Message next() {
        try {
            Message m = messages.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                fail("no SSE message within 10 s");
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits (at most 10 s) for a comment containing {@code text}; returns it. */
    String awaitComment(String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                String c = comments.poll(100, TimeUnit.MILLISECONDS);
                if (c != null && c.contains(text)) {
                    return c;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no SSE comment containing '" + text + "' within 10 s");
    }

    /** Reads whatever arrives until the server closes the connection (stalled clients only); bytes read. */
    long drainUntilClosed() throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        int r;
        while ((r = in.read(buf)) >= 0) {
            total += r;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
