package dev.helixrouter.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Hostile text for the fuzzers: valid documents mutated the ways real damage and real attacks
 * look (torn writes, typos, wrong types, absurd numbers, deep nesting, duplicated keys, control
 * characters, lone surrogates), random JSON trees, and plain random strings.
 *
 * <p>The arbitraries draw from jqwik's seeded random source, so a property with a fixed seed
 * tries the same inputs on every run.
 */
final class Hostile {
    private Hostile() {}

    /** Numbers a parser must refuse or read exactly, never choke on. */
    static final String[] NUMBERS = {"0", "-0", "1", "-1", "0.0", "1.5", "-1.5", "1e400", "-1e400", "1e-400",
        "1e999999999", "-1e999999999", "1e-999999999", "NaN", "Infinity", "-Infinity", "+1", "01", ".5", "5.", "0x10",
        "1_000", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551615",
        "18446744073709551616", "1" + "0".repeat(400), "9".repeat(999), "9".repeat(1_001), "1e", "--1", "1.0e+3",
        "4.9e-324", "1.7976931348623157e308", "2147483648", "-2147483649", "0.999999999999999999999", "1E2"};

    /** Strings a parser must refuse or carry safely. */
    static final String[] STRINGS = {"\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"",
        "\"" + "x".repeat(10_000) + "\"", "\"deadline\"", "\"busy\"", "\"learned\"", "\"heuristic\"", "\"DEADLINE\"",
        "\"poisson\"", "\"original\"", "\"HashMix\"", "\"\\\"\"", "\"\\\\\"", "\"é\u202e\u0007\"", "\"8000\"",
        "\"\\uZZZZ\"", "\"unterminated"};

    /** Other values, of every JSON type. */
    static final String[] VALUES = {"true", "false", "null", "[]", "{}", "[1,2,3]", "{\"a\":1}", "[[[[[]]]]]",
        "[" + "1,".repeat(2_000) + "1]", "[".repeat(40) + "]".repeat(40), "{\"a\":".repeat(40) + "1" + "}".repeat(40)};

    /** Characters that matter to JSON, and some that matter to nobody. */
    private static final String NOISE = "{}[]:,\"\\ \t\r\n0123456789.-+eE/*#'abcxyz_\u0000\u0001\u001f\u007f\u00e9\u2028"
            + "\ud800\udc00\ufeff\uffff";

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    // Unrolled and possessive: no backtracking stack, however long the string.
    private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"");

    /** Mutations of {@code seeds} (one to four edits each), random JSON trees over {@code keys}, random text. */
    static Arbitrary<String> documents(List<String> seeds, List<String> keys) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.randomValue(r -> mutate(seeds.get(r.nextInt(seeds.size())), r))),
                net.jqwik.api.Tuple.of(2, Arbitraries.randomValue(r -> tree(keys, r, 0))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(seeds)));
    }

    /** {@code doc} with one to four random edits. */
    static String mutate(String doc, Random r) {
        String s = doc;
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            s = edit(s, r);
        }
        return s;
    }

    private static String edit(String s, Random r) {
        int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
        return switch (r.nextInt(12)) {
            case 0 -> s.substring(0, at); // a torn write
            case 1 -> s.isEmpty() ? s : s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(8)));
            case 2 -> s.substring(0, at) + noise(r, 1 + r.nextInt(6)) + s.substring(at);
            case 3 -> replaceOne(s, NUMBER, pick(NUMBERS, r), r);
            case 4 -> replaceOne(s, NUMBER, r.nextBoolean() ? pick(STRINGS, r) : pick(VALUES, r), r);
            case 5 -> replaceOne(s, STRING, r.nextBoolean() ? pick(STRINGS, r) : pick(NUMBERS, r), r);
            case 6 -> replaceOne(s, STRING, typo(s, r), r); // a key or value one keystroke away
            case 7 -> duplicateMember(s, r);
            case 8 -> r.nextBoolean() ? "[" + s + "]" : "{\"x\": " + s + "}";
            case 9 -> s + (r.nextBoolean() ? s : pick(VALUES, r)); // trailing content
            case 10 -> s.replace(":", r.nextBoolean() ? "::" : ": " + pick(VALUES, r) + ",");
            default -> s.substring(0, at) + pick(VALUES, r) + s.substring(at);
        };
    }

    private static String replaceOne(String s, Pattern p, String with, Random r) {
        Matcher m = p.matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return s + with;
        }
        int[] span = spans.get(r.nextInt(spans.size()));
        return s.substring(0, span[0]) + with + s.substring(span[1]);
    }

    /** One of the document's strings, one keystroke off (dropped, doubled or swapped letters). */
    private static String typo(String s, Random r) {
        Matcher m = STRING.matcher(s);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        String w = found.isEmpty() ? "\"key\"" : found.get(r.nextInt(found.size()));
        String inner = w.substring(1, w.length() - 1);
        if (inner.length() < 2) {
            return "\"" + inner + inner + "\"";
        }
        int i = r.nextInt(inner.length() - 1);
        String t = switch (r.nextInt(3)) {
            case 0 -> inner.substring(0, i) + inner.substring(i + 1);
            case 1 -> inner.substring(0, i) + inner.charAt(i) + inner.substring(i);
            default -> inner.substring(0, i) + inner.charAt(i + 1) + inner.charAt(i) + inner.substring(i + 2);
        };
        return "\"" + t + "\"";
    }

    private static String duplicateMember(String s, Random r) {
        int open = s.indexOf('{');
        Matcher m = Pattern.compile("\"[a-z_]+\"\\s*:\\s*[^,}\\]]+").matcher(s);
        List<String> members = new ArrayList<>();
        while (m.find()) {
            members.add(m.group());
        }
        if (open < 0 || members.isEmpty()) {
            return s;
        }
        return s.substring(0, open + 1) + members.get(r.nextInt(members.size())) + "," + s.substring(open + 1);
    }

    /** A random JSON value: objects whose keys are mostly {@code keys}, values of every type. */
    static String tree(List<String> keys, Random r, int depth) {
        int kind = depth > 3 ? 3 + r.nextInt(3) : r.nextInt(6);
        return switch (kind) {
            case 0, 1 -> {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    String key = r.nextInt(5) == 0 ? "k" + r.nextInt(100) : keys.get(r.nextInt(keys.size()));
                    sb.append(i == 0 ? "" : ", ").append('"').append(key).append("\": ").append(tree(keys, r, depth + 1));
                }
                yield sb.append('}').toString();
            }
            case 2 -> "[" + tree(keys, r, depth + 1) + (r.nextBoolean() ? ", " + tree(keys, r, depth + 1) : "") + "]";
            case 3 -> pick(NUMBERS, r);
            case 4 -> pick(STRINGS, r);
            default -> pick(VALUES, r);
        };
    }

    static String noise(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(NOISE.charAt(r.nextInt(NOISE.length())));
        }
        return sb.toString();
    }

    static String pick(String[] from, Random r) {
        return from[r.nextInt(from.length)];
    }
}
