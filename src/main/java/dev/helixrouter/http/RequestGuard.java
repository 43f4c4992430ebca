package dev.helixrouter.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The security checks every request passes before an endpoint sees it (SPEC §9).
 *
 * <p><b>Host</b> (against DNS rebinding). A page on {@code http://evil.example:8080} whose name
 * the attacker re-points at 127.0.0.1 reaches this server from the victim's browser with
 * {@code Host: evil.example:8080}. So a request is served only if its Host names this server:
 * {@code localhost}, a loopback IP literal, the bound IP literal, any IP literal when bound to
 * every interface (an IP literal cannot be rebound), or a name given with
 * {@link HelixHttpServer.Builder#allowHost}. The port is not compared: port forwarding and
 * proxies legitimately change it, and it is the name that rebinding abuses.
 *
 * <p><b>Origin</b> (against cross-site writes). Browsers send {@code Origin} with every
 * cross-origin write, and {@code Sec-Fetch-Site} on modern ones. A mutating request is refused
 * if its Origin is {@code null} or names another host, or if {@code Sec-Fetch-Site} says
 * {@code cross-site}. Requests without either header (curl, scripts, other services) pass.
 *
 * <p><b>Token.</b> When a token is configured (it must be when bound beyond loopback), mutating
 * requests need {@code Authorization: Bearer TOKEN}; compared in constant time.
 */
final class RequestGuard {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final BindAddress bind;
    private final Set<String> allowedNames;
    private final byte[] token;

    RequestGuard(BindAddress bind, Set<String> allowedNames, Optional<String> token) {
        this.bind = bind;
        this.allowedNames = allowedNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** Whether mutating requests need the bearer token. */
    boolean tokenRequired() {
        return token != null;
    }

    /**
     * Checks the Host header.
     *
     * @throws ApiError 400 if it is missing or malformed, 403 if it names another host
     */
    void checkHost(HttpExchange ex) {
        String host = Exchanges.singleHeader(ex, "Host");
        if (host == null || host.isBlank()) {
            throw ApiError.badRequest("missing_host", "the Host header is required");
        }
        String name = hostName(host.trim());
        if (name == null) {
            throw ApiError.badRequest("bad_host", "the Host header is malformed");
        }
        if (!isAllowedHost(name)) {
            throw ApiError.of(403, "forbidden_host", "Host '" + clip(host) + "' does not name this server; allowed: "
                    + describeAllowed());
        }
    }

    /**
     * Checks a mutating request's Origin and Sec-Fetch-Site.
     *
     * @throws ApiError 403 for a cross-site write
     */
    void checkOrigin(HttpExchange ex) {
        String site = Exchanges.singleHeader(ex, "Sec-Fetch-Site");
        if (site != null && site.trim().equalsIgnoreCase("cross-site")) {
            throw ApiError.of(403, "forbidden_origin", "cross-site writes are refused (Sec-Fetch-Site: cross-site)");
        }
        String origin = Exchanges.singleHeader(ex, "Origin");
        if (origin == null) {
            return;
        }
        String o = origin.trim();
        String name = null;
        if (!o.equalsIgnoreCase("null")) {
            try {
                URI uri = new URI(o);
                String scheme = uri.getScheme();
                if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                        && (uri.getPath() == null || uri.getPath().isEmpty())) {
                    name = normaliseName(uri.getHost());
                }
            } catch (URISyntaxException e) {
                name = null;
            }
        }
        if (name == null || !isAllowedHost(name)) {
            throw ApiError.of(403, "forbidden_origin", "writes from origin '" + clip(origin)
                    + "' are refused: only pages served by this server may write");
        }
    }

    /**
     * Checks the bearer token, if one is configured.
     *
     * @throws ApiError 401 if it is missing or wrong
     */
    void checkToken(HttpExchange ex) {
        if (token == null) {
            return;
        }
        String auth = Exchanges.singleHeader(ex, "Authorization");
        if (auth == null) {
            throw ApiError.unauthorized("this request changes the router: send Authorization: Bearer <HELIX_API_TOKEN>");
        }
        String a = auth.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.unauthorized("the Authorization header must be 'Bearer <HELIX_API_TOKEN>'");
        }
        byte[] given = a.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw ApiError.unauthorized("the bearer token is wrong");
        }
    }

    boolean isAllowedHost(String name) {
        if (name.equals("localhost") || allowedNames.contains(name)) {
            return true;
        }
        InetAddress ip = ipLiteral(name);
        if (ip == null) {
            return false;
        }
        return ip.isLoopbackAddress() || bind.isWildcard() || ip.equals(bind.address().getAddress());
    }

    private String describeAllowed() {
        StringBuilder sb = new StringBuilder("localhost, loopback addresses");
        if (bind.isWildcard()) {
            sb.append(", any IP address");
        } else if (!bind.isLoopback()) {
            sb.append(", ").append(bind.address().getAddress().getHostAddress());
        }
        for (String n : allowedNames) {
            sb.append(", ").append(n);
        }
        return sb.toString();
    }

    /** The host name of a Host header value (port removed, lower case), or null if malformed. */
    static String hostName(String host) {
        String name;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = host.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) {
                return null;
            }
            name = host.substring(0, close + 1);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                if (!host.substring(colon).matches(":\\d{1,5}")) {
                    return null;
                }
                name = host.substring(0, colon);
            } else {
                name = host;
            }
        }
        if (name.isEmpty() || !name.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+]")) {
            return null;
        }
        return normaliseName(name);
    }

    private static String normaliseName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The address of an IP literal ({@code 127.0.0.1}, {@code [::1]}), or null; never asks DNS. */
    static InetAddress ipLiteral(String name) {
        String literal;
        if (name.startsWith("[") && name.endsWith("]")) {
            literal = name.substring(1, name.length() - 1);
        } else if (IPV4.matcher(name).matches()) {
            literal = name;
        } else {
            return null;
        }
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
