package dev.helixrouter.bench.shootout.systems;

import dev.helixrouter.bench.shootout.SystemUnderTest;
import dev.helixrouter.bench.shootout.Task;

/** System 1: every job runs on the caller that submits it. */
public final class CallerInline implements SystemUnderTest {
    @Override
    public void submit(Task task) {
        task.run();
    }

    @Override
    public void close() {
        // nothing of its own: the callers ran everything
    }
}
