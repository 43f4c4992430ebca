/**
 * The HTTP API around one router: {@link dev.helixrouter.http.HelixHttpServer} (dashboard,
 * health, stats, config, telemetry, the learned policy's state, the decision stream as
 * Server-Sent Events, Prometheus metrics) and {@link dev.helixrouter.http.ConfigFileWatcher}
 * (hot reload of a config file). Documented for users in docs/HTTP.md.
 *
 * <p>This package depends on the engine only (an ArchUnit rule keeps it so): {@code serve} runs
 * it, and the lab can start the same server around its own router. It uses the JDK's
 * {@code com.sun.net.httpserver} on named platform threads, and the Prometheus Java client for
 * {@code /metrics}.
 */
package dev.helixrouter.http;
