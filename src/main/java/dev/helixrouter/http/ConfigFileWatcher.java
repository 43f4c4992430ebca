package dev.helixrouter.http;

import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.ConfigViolation;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of a config file ({@code HELIX_CONFIG_PATH}): whenever the file changes, the live
 * config becomes <em>base ⊕ file</em> — the base (the defaults, or a scenario's config) with the
 * keys the file names, so partial files are fine. The file is declarative: after a reload the
 * router runs exactly what base and file say, whatever was patched in between.
 *
 * <p><b>Never partially applied.</b> The merged document is validated as a whole and swapped in
 * with one {@link ConfigStore#replace}, or not at all. A file that is unreadable, malformed or
 * breaks a rule is logged (every problem, by key) and ignored; the router keeps the config it
 * has, and the next change of the file is tried again. A file that disappears is treated the
 * same way (a ConfigMap being swapped may vanish for a moment): the config stays.
 *
 * <p><b>Polling, not a WatchService.</b> A platform thread compares the file's modification time
 * and size every {@code interval} (500 ms by default). That works the same on every file system,
 * including the bind mounts and symlink swaps of container config maps, where watch events are
 * unreliable. When they differ it reads the file, and applies it only if its bytes differ from
 * the last ones it read. Tests call {@link #checkNow()} instead of waiting.
 */
public final class ConfigFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);
    /** Largest config file read (a full config is well under 2 KiB). */
    static final long MAX_FILE_BYTES = 1 << 20;

    /** What a check found. */
    public enum Result {
        /** The file changed and its config is now in force (a new version, or already the one in force). */
        APPLIED,
        /** The file did not change since the last check. */
        UNCHANGED,
        /** The file changed but could not be read or is not a valid config; the config in force stays. */
        INVALID,
        /** There is no such file; the config in force stays. */
        MISSING
    }

    private final ConfigStore store;
    private final Path file;
    private final RouterConfig base;
    private final Duration interval;
    private final Map<Result, LongAdder> counts = new EnumMap<>(Result.class);
    private final Object lock = new Object();
    private Thread thread;
    private volatile boolean closed;
    // Guarded by lock: what the last check saw.
    private long lastModified = Long.MIN_VALUE;
    private long lastSize = -1;
    private byte[] lastBytes;
    private boolean reportedMissing;

    /**
     * A watcher of {@code file} applying {@code base ⊕ file} to {@code store}; call
     * {@link #start()} to poll every {@code interval}.
     */
    public ConfigFileWatcher(ConfigStore store, Path file, RouterConfig base, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.file = Objects.requireNonNull(file, "file");
        this.base = Objects.requireNonNull(base, "base");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0, was " + interval);
        }
        for (Result r : Result.values()) {
            counts.put(r, new LongAdder());
        }
    }

    /**
     * Reads {@code base ⊕ file} once, for a strict start: unlike a reload, a bad file here is an
     * error the caller reports.
     *
     * @throws ConfigException if the file is not a valid config (every problem, by key)
     * @throws IOException     if it cannot be read
     */
    public static RouterConfig load(Path file, RouterConfig base) throws IOException {
        return RouterConfigJson.parse(decode(Files.readAllBytes(file)), base);
    }

    /** Checks at once, then every interval, on a platform thread {@code threadName}. */
    public ConfigFileWatcher start(String threadName) {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            checkNow();
            thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::pollLoop);
        }
        return this;
    }

    private void pollLoop() {
        long nanos = interval.toNanos();
        while (!closed) {
            java.util.concurrent.locks.LockSupport.parkNanos(nanos);
            if (closed || Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                checkNow();
            } catch (RuntimeException e) {
                LOG.error("config file {}: check failed; will try again", file, e);
            }
        }
    }

    /** Checks the file now and applies it if it changed. Thread-safe. */
    public Result checkNow() {
        synchronized (lock) {
            Result r = check();
            counts.get(r).increment();
            return r;
        }
    }

    private Result check() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (!reportedMissing) {
                LOG.warn("config file {} does not exist; keeping the config in force (v{})", file,
                        store.current().version());
                reportedMissing = true;
            }
            lastModified = Long.MIN_VALUE;
            lastSize = -1;
            return Result.MISSING;
        } catch (IOException e) {
            LOG.warn("config file {} cannot be read ({}); keeping the config in force", file, e.toString());
            return Result.INVALID;
        }
        reportedMissing = false;
        long modified = attrs.lastModifiedTime().toMillis();
        long size = attrs.size();
        if (modified == lastModified && size == lastSize) {
            return Result.UNCHANGED;
        }
        lastModified = modified;
        lastSize = size;
        if (size > MAX_FILE_BYTES) {
            LOG.warn("config file {} is {} bytes, more than a config can be ({}); ignored", file, size, MAX_FILE_BYTES);
            lastBytes = null;
            return Result.INVALID;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("config file {} cannot be read ({}); keeping the config in force", file, e.toString());
            return Result.INVALID;
        }
        if (lastBytes != null && Arrays.equals(bytes, lastBytes)) {
            return Result.UNCHANGED; // touched, not changed
        }
        lastBytes = bytes;
        RouterConfig next;
        try {
            next = RouterConfigJson.parse(decode(bytes), base);
        } catch (ConfigException e) {
            logInvalid(e);
            return Result.INVALID;
        } catch (CharacterCodingException e) {
            LOG.warn("config file {} is not UTF-8 text; ignored, keeping the config in force (v{})", file,
                    store.current().version());
            return Result.INVALID;
        }
        ConfigUpdate update = store.replace(next);
        if (update instanceof ConfigUpdate.Applied a) {
            if (a.changed()) {
                LOG.info("config file {} applied as v{}", file, a.current().version());
            } else {
                LOG.info("config file {} read; it matches the config in force (v{})", file, a.current().version());
            }
            return Result.APPLIED;
        }
        if (update instanceof ConfigUpdate.Rejected r) {
            logInvalid(new ConfigException(r.violations()));
        }
        return Result.INVALID;
    }

    private void logInvalid(ConfigException e) {
        StringBuilder sb = new StringBuilder();
        for (ConfigViolation v : e.violations()) {
            sb.append("\n  - ").append(v.key()).append(": ").append(v.message());
        }
        LOG.warn("config file {} is not a valid config; ignored, keeping the config in force (v{}):{}", file,
                store.current().version(), sb);
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    /** The file watched. */
    public Path file() {
        return file;
    }

    /** How many checks ended with {@code result}. */
    public long count(Result result) {
        return counts.get(result).sum();
    }

    /** Stops polling. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (lock) {
            t = thread;
        }
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t); // not interrupt: that would close a file being read
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
