package dev.helixrouter.engine.config;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's live configuration: one valid {@link RouterConfig} at a time, with a version
 * that starts at 1 and grows by one with every applied change (SPEC §5).
 *
 * <p>Every change is all or nothing: the new config (a replacement, a merged
 * {@link ConfigPatch}, or the result of a function) is validated as a whole and swapped in
 * atomically, or the store stays exactly as it was and the returned {@link ConfigUpdate} says
 * why. A writer may name the version it started from; if another writer got there first the
 * change is refused with a {@link ConfigUpdate.Conflict}, so a debounced lab slider never
 * silently undoes what the autoscaler just applied.
 *
 * <p>A change that asks for the config already in force is reported as
 * {@link ConfigUpdate.Applied} with {@code previous == current}: it spends no version and
 * notifies no listener, since nothing changed.
 *
 * <p>Reading ({@link #current()}, {@link #config()}) never blocks. Writers are serialised by a
 * lock: config changes are rare (a slider, an HTTP call, an autoscaler tick), and a lock makes
 * "validate against the config in force, then install" trivially atomic.
 *
 * <p>Listeners ({@link #addListener}) hear of each installed version once, in version order,
 * never two at a time. They run after the swap, outside the writers' lock, on the thread of a
 * writer: if another writer is already delivering, that writer delivers the new version as well
 * before it returns. So a listener may itself change the store (the change is delivered after
 * the listener returns), and once every writer has returned, every listener has seen every
 * version. A listener that throws is logged and skipped; the store and the other listeners
 * carry on.
 */
public final class ConfigStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile AppliedConfig current;

    private final List<Consumer<ConfigUpdate.Applied>> listeners = new CopyOnWriteArrayList<>();
    // Installed versions not yet delivered; filled under writeLock, hence in version order.
    private final ConcurrentLinkedQueue<ConfigUpdate.Applied> undelivered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    /**
     * A store holding {@code initial} as version 1.
     *
     * @throws ConfigException if {@code initial} breaks any rule
     */
    public ConfigStore(RouterConfig initial) {
        this.current = new AppliedConfig(1, Objects.requireNonNull(initial, "initial").validate());
    }

    /** The config in force with its version. */
    public AppliedConfig current() {
        return current;
    }

    /** The config in force. */
    public RouterConfig config() {
        return current.config();
    }

    /** Replaces the whole config, whatever the version in force. */
    public ConfigUpdate replace(RouterConfig next) {
        return replace(next, OptionalLong.empty());
    }

    /**
     * Replaces the whole config, if the version in force is {@code expectedVersion} (when given).
     * To build {@code next} from a document, missing keys taking their defaults, use
     * {@link RouterConfigJson#parse(String)}.
     */
    public ConfigUpdate replace(RouterConfig next, OptionalLong expectedVersion) {
        Objects.requireNonNull(next, "next");
        return update(ignored -> next, expectedVersion);
    }

    /** Merges {@code patch} onto the config in force, whatever its version. */
    public ConfigUpdate patch(ConfigPatch patch) {
        return patch(patch, OptionalLong.empty());
    }

    /**
     * Merges {@code patch} onto the config in force, if its version is {@code expectedVersion}
     * (when given). The merged config is validated as a whole: a patch that is fine on its own
     * but breaks a cross-key rule on this config (say, an inline_threshold above the
     * spawn_threshold in force) is rejected.
     */
    public ConfigUpdate patch(ConfigPatch patch, OptionalLong expectedVersion) {
        Objects.requireNonNull(patch, "patch");
        return update(patch::applyTo, expectedVersion);
    }

    /** Applies {@code change} to the config in force, whatever its version. */
    public ConfigUpdate update(UnaryOperator<RouterConfig> change) {
        return update(change, OptionalLong.empty());
    }

    /**
     * Applies {@code change} to the config in force, if its version is {@code expectedVersion}
     * (when given). {@code change} is called exactly once (unless there is a conflict, then
     * never), under the writers' lock: keep it quick, and do not change this store from it.
     *
     * @throws IllegalStateException if called from inside another change's function
     */
    public ConfigUpdate update(UnaryOperator<RouterConfig> change, OptionalLong expectedVersion) {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        if (writeLock.isHeldByCurrentThread()) {
            // The outer change would then install over the inner one, losing it silently.
            throw new IllegalStateException("a config change function must not change the store itself");
        }
        ConfigUpdate.Applied installed;
        writeLock.lock();
        try {
            AppliedConfig before = current;
            if (expectedVersion.isPresent() && expectedVersion.getAsLong() != before.version()) {
                return new ConfigUpdate.Conflict(expectedVersion.getAsLong(), before.version());
            }
            RouterConfig next = Objects.requireNonNull(change.apply(before.config()), "change returned null");
            List<ConfigViolation> violations = next.violations();
            if (!violations.isEmpty()) {
                return new ConfigUpdate.Rejected(violations);
            }
            if (next.equals(before.config())) {
                return new ConfigUpdate.Applied(before, before);
            }
            AppliedConfig after = new AppliedConfig(before.version() + 1, next);
            current = after;
            installed = new ConfigUpdate.Applied(before, after);
            undelivered.add(installed);
        } finally {
            writeLock.unlock();
        }
        deliver();
        return installed;
    }

    /**
     * Calls {@code listener} after each version installed from now on (see the class comment
     * for ordering and threads). It is not called for the version already in force.
     */
    public void addListener(Consumer<ConfigUpdate.Applied> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops calling {@code listener}; returns whether it was registered. */
    public boolean removeListener(Consumer<ConfigUpdate.Applied> listener) {
        return listeners.remove(listener);
    }

    /**
     * Delivers undelivered versions, unless another thread is at it. The outer loop closes the
     * race where a writer queues its version just after the deliverer found the queue empty and
     * just before it released the flag: whoever releases the flag looks at the queue once more.
     */
    private void deliver() {
        while (!undelivered.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                ConfigUpdate.Applied next;
                while ((next = undelivered.poll()) != null) {
                    notifyListeners(next);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    private void notifyListeners(ConfigUpdate.Applied applied) {
        for (Consumer<ConfigUpdate.Applied> listener : listeners) {
            try {
                listener.accept(applied);
            } catch (RuntimeException e) {
                LOG.warn("config listener {} failed on version {}; the config stays applied",
                        listener, applied.current().version(), e);
            }
        }
    }
}
