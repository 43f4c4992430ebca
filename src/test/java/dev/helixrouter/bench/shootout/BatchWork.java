package dev.helixrouter.bench.shootout;

/** What a batch of batchable items costs: a fixed part per batch plus a part per item. */
final class BatchWork {
    /** The fixed part of a batch (set-up paid once however many items it holds). */
    static final long FIXED_NANOS = 50_000;
    /** The per-item part. */
    static final long PER_ITEM_NANOS = 5_000;

    private BatchWork() {
    }

    /** CPU work of one batch of {@code items} items. */
    static long cpuNanos(int items) {
        return FIXED_NANOS + PER_ITEM_NANOS * items;
    }
}
