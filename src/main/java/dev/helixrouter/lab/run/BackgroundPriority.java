package dev.helixrouter.lab.run;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the CPU priority of the lab's background threads, so that the window stays responsive
 * while a run saturates every core.
 *
 * <p><b>Why.</b> A live run of a heavy scenario keeps callers, CPU-lane workers and virtual-thread
 * carriers runnable on every core; at equal priority the FX thread and the renderer get a share of
 * a core (measured on 2 cores: the FX thread spent most of a 1–2 s gap between frames runnable but
 * waiting for a CPU). Java thread priorities do nothing on Linux by default, so this sets the
 * thread's <em>nice</em> value directly.
 *
 * <p><b>How.</b> {@link #lowerCurrentThread()} runs at the start of each lab service thread
 * ({@code helix-lab-service-N}). On Linux the nice value is per thread and inherited by the threads
 * a thread creates, so everything a run starts from there — the router's timer, the load
 * driver's callers, the CPU lane's workers (created by the callers), the virtual-thread carriers,
 * a virtual run's simulation thread — runs at {@value #NICE} too, while the FX thread, the
 * renderer and the JVM's own threads (GC, JIT) keep the default. Raising a nice value needs no
 * privilege. A lower priority costs the run nothing while the UI is idle: the UI uses little CPU,
 * it only gets it first. Elsewhere (macOS, Windows: nice is per process there) nothing changes.
 * The headless {@code run} command never calls this: its numbers are the machine's.
 *
 * <p>Calls {@code setpriority} from the C library through the FFM API; the jar's manifest and the
 * Maven launch enable native access for the class path, so the JDK prints no warning.
 */
public final class BackgroundPriority {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
    /** The nice value of the lab's background threads (0 is the default, 19 the lowest priority). */
    public static final int NICE = 10;
    private static final int PRIO_PROCESS = 0;
    private static final Optional<MethodHandle> GETPRIORITY = lookup("getpriority",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final Optional<MethodHandle> SETPRIORITY = lookup("setpriority",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private BackgroundPriority() {}

    private static Optional<MethodHandle> lookup(String function, FunctionDescriptor signature) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(function).map(f -> linker.downcallHandle(f, signature));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cannot lower the priority of background threads: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Gives the calling thread, and every thread it starts from now on, the nice value
     * {@value #NICE}, unless it already runs at that priority or lower (a lab started with
     * {@code nice -n 15} stays there). Returns whether the thread now runs at background
     * priority; false where this is not supported (then nothing changed).
     */
    public static boolean lowerCurrentThread() {
        if (!supported()) {
            return false;
        }
        try {
            // Linux: PRIO_PROCESS with who = 0 is the calling thread, not the whole process.
            int now = (int) GETPRIORITY.get().invokeExact(PRIO_PROCESS, 0);
            if (now >= NICE) {
                return true;
            }
            return (int) SETPRIORITY.get().invokeExact(PRIO_PROCESS, 0, NICE) == 0;
        } catch (Throwable e) {
            LOG.debug("setpriority failed: {}", e.toString());
            return false;
        }
    }

    /** Whether {@link #lowerCurrentThread()} can work on this platform. */
    public static boolean supported() {
        return GETPRIORITY.isPresent() && SETPRIORITY.isPresent();
    }
}
