package dev.helixrouter.workload;

import java.util.Optional;

/**
 * A trace could not be read: names the file (when known), the line and the field at fault, e.g.
 * {@code runs/overload.jsonl: line 17: compute_cost: must be >= 0, was -3}.
 */
public final class TraceException extends RuntimeException {
    private final String source;
    private final long line;
    private final String field;

    /**
     * @param source  the file or resource, or null if unknown
     * @param line    1-based line number
     * @param field   the field at fault, or {@code "$"} for the line as a whole
     * @param message what is wrong
     */
    public TraceException(String source, long line, String field, String message) {
        super((source == null ? "" : source + ": ") + "line " + line + ": "
                + (field.equals("$") ? "" : field + ": ") + message);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    /** The file or resource, if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The 1-based line number. */
    public long line() {
        return line;
    }

    /** The field at fault, or {@code "$"} for the line as a whole. */
    public String field() {
        return field;
    }
}
