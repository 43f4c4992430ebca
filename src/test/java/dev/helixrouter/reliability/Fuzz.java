package dev.helixrouter.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Tallies of a fuzzer's inputs (tried, accepted, refused) and the checks on an error's wording. */
final class Fuzz {
    /**
     * Longest message an error may carry beyond twice the input's length: a message may quote
     * what it refuses, but never grows out of proportion to it.
     */
    static final int MAX_MESSAGE = 2_000;

    private final String name;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    Fuzz(String name) {
        this.name = name;
    }

    void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** What a reader made of an input it accepted. */
    @FunctionalInterface
    interface Check<T> {
        void accept(T read) throws Exception;
    }

    /**
     * Reads {@code input} with {@code read} (bounded by the hang guard) and counts it as tried,
     * accepted or refused under {@code what}: an accepted result goes to {@code accepted}, a refusal
     * of {@code refusal}'s type to {@code refused}. Anything else thrown fails the property.
     */
    <T, E extends Exception> void attempt(String what, Object input, Callable<T> read, Class<E> refusal,
                                          Check<T> accepted, Check<E> refused) throws Exception {
        count(what + "_tried");
        T result;
        try {
            result = Reliability.noHang(what, read);
        } catch (Exception e) {
            if (!refusal.isInstance(e)) {
                throw e;
            }
            refused.accept(refusal.cast(e));
            count(what + "_refused");
            return;
        }
        accepted.accept(result);
        count(what + "_accepted");
    }

    /** Records every tally as a figure (after the properties of a class ran). */
    void report() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        sorted.forEach((k, v) -> Reliability.record(name, k, v));
    }

    /** A clear message: present, not blank, of a length in proportion to the input. */
    static void clearMessage(String message, Object input) {
        assertTrue(message != null && !message.isBlank(), "an error without a message for: " + clip(input));
        int bound = MAX_MESSAGE + 2 * String.valueOf(input).length();
        assertTrue(message.length() <= bound, "a " + message.length() + "-character message for: " + clip(input));
        assertFalse(message.contains("Exception") && message.contains("\tat "), "a stack trace as a message: " + message);
    }

    /**
     * Where a problem is (a key, a path, a field): present; a blank one — the document's own key
     * may be "" or " " — is quoted in the message, so the reader still sees which.
     */
    static void clearPlace(String place, String message, Object input) {
        assertTrue(place != null && (!place.isBlank() || message.contains("'" + place + "'")),
                "a problem without a place: [" + place + "] " + message + " for: " + clip(input));
    }

    static String clip(Object input) {
        String s = String.valueOf(input);
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " characters)";
    }
}
