package dev.helixrouter.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Raises some loggers to ERROR for a while (tests that provoke thousands of expected warnings). */
final class Quiet implements AutoCloseable {
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();

    private Quiet() {}

    static Quiet loggers(Class<?>... owners) {
        Quiet q = new Quiet();
        for (Class<?> owner : owners) {
            if (LoggerFactory.getLogger(owner) instanceof Logger l) {
                q.loggers.add(l);
                q.levels.add(l.getLevel());
                l.setLevel(Level.ERROR);
            }
        }
        return q;
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).setLevel(levels.get(i));
        }
    }
}
