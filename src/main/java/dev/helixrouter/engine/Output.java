package dev.helixrouter.engine;

/**
 * The result of a built-in kernel: an unsigned 64-bit integer or a double.
 *
 * <p>In JSON, {@code {"U64": n}} or {@code {"F64": x}}, as the original HelixRouter wrote them.
 * U64 is a JSON number; values above 2^53 lose precision in JavaScript.
 */
public sealed interface Output {
    /** An unsigned 64-bit value held in a {@code long}. */
    record U64(long value) implements Output {
        @Override
        public String toString() {
            return "U64(" + Long.toUnsignedString(value) + ")";
        }
    }

    /** A double. */
    record F64(double value) implements Output {
        @Override
        public String toString() {
            return "F64(" + value + ")";
        }
    }
}
