package dev.helixrouter.engine.policy;

import dev.helixrouter.engine.Job;

/** A LoadView whose every number a test sets by hand. */
final class FakeLoad implements LoadView {
    long now = 1_000_000_000L;
    int cpuBusy;
    int queueDepth;
    int queueCapacity = 512;
    int parallelism = 8;
    int spawned;
    double pressure;
    long spawnThreshold = 60_000;
    long laneWait;
    long service;
    long batchFlush;
    int batchDepth;

    @Override public long nowNanos() { return now; }
    @Override public int cpuBusy() { return cpuBusy; }
    @Override public int queueDepth() { return queueDepth; }
    @Override public int queueCapacity() { return queueCapacity; }
    @Override public int parallelism() { return parallelism; }
    @Override public int spawnedInFlight() { return spawned; }
    @Override public double pressure() { return pressure; }
    @Override public long spawnThreshold() { return spawnThreshold; }
    @Override public long estimatedLaneWaitNanos() { return laneWait; }
    @Override public long estimatedServiceNanos(Job job) { return service; }
    @Override public long estimatedBatchFlushNanos(Job job) { return batchFlush; }
    @Override public int batchDepth(Job job) { return batchDepth; }
}
