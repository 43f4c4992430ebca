package dev.helixrouter.workload;

/** How numbers read in messages: {@code -1} rather than {@code -1.0}, so messages echo what the user wrote. */
final class Numbers {
    private Numbers() {}

    static String show(Number n) {
        return n instanceof Double || n instanceof Float ? show(n.doubleValue()) : n.toString();
    }

    static String show(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }
}
