package dev.helixrouter.bench.shootout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The shootout's command line. Every bad flag or value is an {@link IllegalArgumentException}
 * whose message says what was wrong and what is allowed.
 *
 * @param seeds        how many seeds (traces) to run; results are medians over them
 * @param firstSeed    the first seed; the others follow it
 * @param shape        the phases (full, or quick)
 * @param quick        whether the quick shape was asked for
 * @param systems      which systems, in table order
 * @param callers      caller threads
 * @param cores        the core budget every system gets (and λ*'s)
 * @param out          where the markdown and CSV files go
 * @param command      the command line to print in the report
 */
public record ShootoutOptions(int seeds, long firstSeed, LoadShape shape, boolean quick, List<SystemKind> systems,
                              int callers, int cores, Path out, String command) {

    /** Usage text. */
    public static final String USAGE = """
            Usage: Shootout [--quick [--phase-seconds X]] [--seeds N] [--seed S] [--systems A,B,...]
                            [--callers N] [--out DIR]
              --quick            every phase X seconds (default 1) instead of 5/10/20/10/20 s; 1 seed unless --seeds
              --phase-seconds X  phase length of --quick, 0.05..60
              --seeds N          seeds to run, results are medians over them (default 5; 1 with --quick), 1..100
              --seed S           first seed (default 1)
              --systems LIST     comma-separated systems (default all): %s
              --callers N        caller threads (default: cores), 1..1024
              --out DIR          output directory (default target/shootout)
              --help             this text
            """.formatted(SystemKind.labels());

    /** Copies the list. */
    public ShootoutOptions {
        systems = List.copyOf(systems);
    }

    /** Parses {@code args}; {@code command} is recorded in the report as the command that ran. */
    public static ShootoutOptions parse(List<String> args, String command) {
        Integer seeds = null;
        long seed = 1;
        boolean quick = false;
        Double phaseSeconds = null;
        List<SystemKind> systems = SystemKind.all();
        int cores = Runtime.getRuntime().availableProcessors();
        Integer callers = null;
        Path out = Path.of("target", "shootout");
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--quick" -> quick = true;
                case "--phase-seconds" -> phaseSeconds = number(flag, value(args, ++i, flag), 0.05, 60);
                case "--seeds" -> seeds = (int) integer(flag, value(args, ++i, flag), 1, 100);
                case "--seed" -> seed = integer(flag, value(args, ++i, flag), Long.MIN_VALUE, Long.MAX_VALUE);
                case "--systems" -> systems = systems(value(args, ++i, flag));
                case "--callers" -> callers = (int) integer(flag, value(args, ++i, flag), 1, 1024);
                case "--out" -> out = Path.of(value(args, ++i, flag));
                default -> throw new IllegalArgumentException("unknown option '" + flag + "' (see --help)");
            }
        }
        if (phaseSeconds != null && !quick) {
            throw new IllegalArgumentException("--phase-seconds sets the phase length of --quick: add --quick");
        }
        LoadShape shape = quick ? LoadShape.quick(phaseSeconds == null ? 1.0 : phaseSeconds) : LoadShape.full();
        return new ShootoutOptions(seeds != null ? seeds : quick ? 1 : 5, seed, shape, quick, systems,
                callers != null ? callers : cores, cores, out, command);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value (see --help)");
        }
        return args.get(i);
    }

    private static long integer(String flag, String text, long min, long max) {
        return parsed(flag, text, Long::parseLong, "a whole number", min, max);
    }

    private static double number(String flag, String text, double min, double max) {
        return parsed(flag, text, Double::parseDouble, "a number", min, max);
    }

    /** {@code text} parsed as a {@code what} within {@code min..max} (NaN is never within). */
    private static <N extends Number & Comparable<N>> N parsed(String flag, String text, Function<String, N> parse,
                                                               String what, N min, N max) {
        N v;
        try {
            v = parse.apply(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be " + what + ", was '" + text + "'");
        }
        if (Double.isNaN(v.doubleValue()) || v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(flag + " must be within " + min + ".." + max + ", was " + text.strip());
        }
        return v;
    }

    private static List<SystemKind> systems(String list) {
        List<SystemKind> chosen = new ArrayList<>();
        for (String name : list.split(",")) {
            SystemKind k = SystemKind.ofLabel(name.strip());
            if (chosen.contains(k)) {
                throw new IllegalArgumentException("--systems names '" + k.label() + "' twice");
            }
            chosen.add(k);
        }
        chosen.sort(null);
        return chosen;
    }

    /** The seeds to run. */
    public long[] seedList() {
        long[] s = new long[seeds];
        for (int i = 0; i < seeds; i++) {
            s[i] = firstSeed + i;
        }
        return s;
    }
}
