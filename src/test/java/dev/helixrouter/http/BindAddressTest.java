package dev.helixrouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** HOST:PORT parsing and Host header names. */
class BindAddressTest {
    @Test
    void parsesTheForms() {
        BindAddress a = BindAddress.parse("127.0.0.1:8080");
        assertEquals(8080, a.address().getPort());
        assertTrue(a.isLoopback());
        assertFalse(a.isWildcard());
        assertEquals("127.0.0.1:8080", a.toString());
        assertTrue(BindAddress.parse("localhost:0").isLoopback());
        BindAddress v6 = BindAddress.parse("[::1]:9000");
        assertTrue(v6.isLoopback());
        assertEquals("[::1]:9000", v6.toString());
        BindAddress any = BindAddress.parse("0.0.0.0:9000");
        assertTrue(any.isWildcard());
        assertFalse(any.isLoopback());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", "127.0.0.1", ":8080", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:65536",
        "127.0.0.1:-1", "::1:8080", "[::1]8080", "[::1", "no-such-host.invalid:80"})
    void refusesWhatIsNotHostColonPort(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BindAddress.parse(text));
        assertTrue(e.getMessage().startsWith("invalid address '" + text + "'"), e.getMessage());
    }

    @Test
    void hostHeaderNames() {
        assertEquals("localhost", RequestGuard.hostName("LocalHost:8080"));
        assertEquals("[::1]", RequestGuard.hostName("[::1]:80"));
        assertEquals("example.com", RequestGuard.hostName("example.com."));
        assertNull(RequestGuard.hostName("a b"));
        assertNull(RequestGuard.hostName("x:y"));
        assertNull(RequestGuard.hostName("[::1"));
        assertNull(RequestGuard.hostName("host:123456"));
        assertNull(RequestGuard.ipLiteral("example.com"));
        assertTrue(RequestGuard.ipLiteral("127.0.0.2").isLoopbackAddress());
        assertNull(RequestGuard.ipLiteral("999.1.1.1"));
    }
}
