package dev.helixrouter.engine.config;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** TEMP until the helper's version lands. */
public final class ConfigStore {
    private AppliedConfig current;
    private final List<Consumer<ConfigUpdate.Applied>> listeners = new CopyOnWriteArrayList<>();

    public ConfigStore(RouterConfig initial) {
        current = new AppliedConfig(1, initial.validate());
    }

    public synchronized AppliedConfig current() {
        return current;
    }

    public RouterConfig config() {
        return current().config();
    }

    public synchronized ConfigUpdate update(UnaryOperator<RouterConfig> change, OptionalLong expectedVersion) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            return new ConfigUpdate.Conflict(expectedVersion.getAsLong(), current.version());
        }
        RouterConfig next = change.apply(current.config());
        List<ConfigViolation> v = next.violations();
        if (!v.isEmpty()) {
            return new ConfigUpdate.Rejected(v);
        }
        AppliedConfig prev = current;
        current = new AppliedConfig(prev.version() + 1, next);
        ConfigUpdate.Applied a = new ConfigUpdate.Applied(prev, current);
        listeners.forEach(l -> l.accept(a));
        return a;
    }

    public ConfigUpdate replace(RouterConfig next, OptionalLong expectedVersion) {
        return update(c -> next, expectedVersion);
    }

    public void addListener(Consumer<ConfigUpdate.Applied> l) {
        listeners.add(l);
    }
}
