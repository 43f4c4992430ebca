package dev.helixrouter.lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background threads get a higher nice value, and the threads they start inherit it; no one else does. */
class BackgroundPriorityTest {

    /** This thread's nice value, from /proc (the field after the state, counted past the command name). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[16]); // field 19 of proc_pid_stat(5); f[0] is field 3
    }

    @Test
    void aLoweredThread_andTheThreadsItStarts_runNicer_whileOthersKeepTheirs() throws Exception {
        assumeTrue(BackgroundPriority.supported(), "Linux only");
        int mine = niceOfThisThread();
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        Thread.ofPlatform().name("priority-test").start(() -> {
            try {
                boolean lowered = BackgroundPriority.lowerCurrentThread();
                int self = niceOfThisThread();
                CompletableFuture<Integer> child = new CompletableFuture<>();
                Thread.ofPlatform().start(() -> {
                    try {
                        child.complete(niceOfThisThread());
                    } catch (Exception e) {
                        child.completeExceptionally(e);
                    }
                });
                seen.complete(new int[] {lowered ? 1 : 0, self, child.get(10, TimeUnit.SECONDS)});
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        int[] r = seen.get(10, TimeUnit.SECONDS);
        assertEquals(1, r[0], "setpriority succeeded");
        assertEquals(Math.max(mine, BackgroundPriority.NICE), r[1]);
        assertEquals(r[1], r[2], "a thread started by a background thread inherits its nice value");
        assertEquals(mine, niceOfThisThread(), "only the calling thread changed, not the process");
        assertTrue(BackgroundPriority.NICE > 0);
    }
}
