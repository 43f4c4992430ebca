package dev.helixrouter.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the HTTP API listens, parsed from the {@code HOST:PORT} form of {@code HELIX_HTTP_ADDR}
 * and {@code serve --addr}: {@code 127.0.0.1:8080}, {@code localhost:0}, {@code [::1]:8080},
 * {@code 0.0.0.0:9000}. Port 0 asks the system for a free port.
 *
 * @param host    the host as written (an IP literal without brackets, or a name)
 * @param address the resolved socket address
 */
public record BindAddress(String host, InetSocketAddress address) {

    /** The default: loopback only, port 8080. */
    public static final String DEFAULT = "127.0.0.1:8080";

    public BindAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
    }

    /**
     * Parses {@code HOST:PORT}; a host name is resolved now.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static BindAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw bad(text, "an IPv6 address is written [ADDRESS]:PORT");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw bad(text, "expected HOST:PORT");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (host.contains(":")) {
                throw bad(text, "write an IPv6 address in brackets: [ADDRESS]:PORT");
            }
        }
        if (host.isEmpty()) {
            throw bad(text, "the host is missing (use 127.0.0.1 for this machine only, 0.0.0.0 for every interface)");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(text, "the port must be a number within 0..65535");
        }
        if (p < 0 || p > 65_535) {
            throw bad(text, "the port must be within 0..65535");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw bad(text, "unknown host '" + host + "'");
        }
        return new BindAddress(host, new InetSocketAddress(ip, p));
    }

    /** Whether only this machine can connect (a loopback address). */
    public boolean isLoopback() {
        return address.getAddress().isLoopbackAddress();
    }

    /** Whether this is a wildcard address (every interface: {@code 0.0.0.0} or {@code ::}). */
    public boolean isWildcard() {
        return address.getAddress().isAnyLocalAddress();
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("invalid address '" + text + "': " + why);
    }
}
