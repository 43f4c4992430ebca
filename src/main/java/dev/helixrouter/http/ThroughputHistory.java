package dev.helixrouter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.ArrayDeque;

/**
 * The last couple of minutes of throughput and goodput, one point per metrics interval, so the
 * dashboard draws its chart from the moment it opens instead of starting empty. Sampled from the
 * published snapshot once a second on the server's timer thread; costs the router nothing.
 */
final class ThroughputHistory {
    static final int POINTS = 120;

    private record Point(long sequence, double throughput, double goodput) {}

    private final HelixRouter router;
    private final ArrayDeque<Point> points = new ArrayDeque<>(POINTS);
    private long lastSequence = -1;

    ThroughputHistory(HelixRouter router) {
        this.router = router;
    }

    /** Records the snapshot in force if it is a new one. */
    synchronized void sample() {
        RouterSnapshot s = router.snapshot();
        if (s.sequence() == lastSequence) {
            return;
        }
        lastSequence = s.sequence();
        if (points.size() == POINTS) {
            points.removeFirst();
        }
        points.addLast(new Point(s.sequence(), finite(s.throughputPerSec()), finite(s.goodputPerSec())));
    }

    /** {@code [[sequence, throughput, goodput], ...]}, oldest first. */
    synchronized ArrayNode toJson() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Point p : points) {
            a.addArray().add(p.sequence()).add(p.throughput()).add(p.goodput());
        }
        return a;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
