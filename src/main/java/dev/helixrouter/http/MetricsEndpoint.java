package dev.helixrouter.http;

import dev.helixrouter.engine.HelixRouter;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: the router's metrics ({@link RouterCollector}) and the server's own, in
 * the format the scraper asks for (Prometheus text, or OpenMetrics when its {@code Accept} says
 * so; never protobuf, which only native histograms need), written by the Prometheus Java client.
 *
 * <p>Each server has its own {@link PrometheusRegistry}, never the JVM-wide default one, so two
 * servers in one JVM (tests, or the lab next to {@code serve}) never collide.
 */
final class MetricsEndpoint {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Counter requests;

    MetricsEndpoint(HelixRouter router, DecisionStream stream, ConfigFileWatcher watcher) {
        registry.register(new RouterCollector(router));
        requests = Counter.builder().name("helix_http_requests_total")
                .help("HTTP requests answered, by endpoint ('unknown' for unknown paths) and status code.")
                .labelNames("endpoint", "code").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("helix_http_sse_clients")
                .help("Decision streams (SSE) open now.")
                .callback(cb -> cb.call(stream.clients())).register(registry);
        CounterWithCallback.builder().name("helix_http_sse_lost_events_total")
                .help("Decision events that SSE clients missed because they fell behind the router or resumed too "
                        + "late.")
                .callback(cb -> cb.call(stream.lostTotal())).register(registry);
        if (watcher != null) {
            CounterWithCallback.builder().name("helix_config_file_checks_total")
                    .help("Checks of the hot-reloaded config file, by result (applied, unchanged, invalid, missing).")
                    .labelNames("result")
                    .callback(cb -> {
                        for (ConfigFileWatcher.Result r : ConfigFileWatcher.Result.values()) {
                            cb.call(watcher.count(r), r.name().toLowerCase(java.util.Locale.ROOT));
                        }
                    }).register(registry);
        }
    }

    /** Counts one answered request. */
    void countRequest(String endpoint, int status) {
        requests.labelValues(endpoint, Integer.toString(status)).inc();
    }

    /** The exposition for a scraper that sent {@code accept}: content type and body. */
    Exposition scrape(String accept) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            // A scraper that prefers protobuf gets the protobuf writer's stub: that format needs
            // prometheus-metrics-exposition-formats, which this build leaves out. (findWriter does not
            // check.) Answer in text, which every Prometheus accepts.
            ExpositionFormatWriter om = formats.getOpenMetricsTextFormatWriter();
            writer = accept != null && om.accepts(accept) ? om : formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        writer.write(out, registry.scrape());
        return new Exposition(writer.getContentType(), out.toByteArray());
    }

    /** A written exposition. */
    record Exposition(String contentType, byte[] body) {}
}
