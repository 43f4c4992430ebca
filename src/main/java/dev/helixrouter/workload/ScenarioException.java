package dev.helixrouter.workload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scenario, workload or arrival pattern was refused. {@link #problems()} lists every reason,
 * each naming its field; {@link #source()} names the file (or resource) it came from, if any.
 *
 * <p>The message has one line per problem, each self-contained like a compiler error, for
 * example {@code presets/overload.json: arrival.load: must be > 0, was -1}.
 *
 * <p>It is an {@link IllegalArgumentException}, so code that builds the records directly
 * ({@code new ArrivalPattern.Poisson(-1)}) gets the usual exception type with the same words.
 */
public final class ScenarioException extends IllegalArgumentException {
    private final transient List<ScenarioProblem> problems;
    private final String source;

    /** Refusal for the given problems (at least one), not tied to a file. */
    public ScenarioException(List<ScenarioProblem> problems) {
        this(null, problems);
    }

    /** Refusal for the given problems (at least one) of the document read from {@code source}. */
    public ScenarioException(String source, List<ScenarioProblem> problems) {
        super(format(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** A refusal with one problem. */
    public static ScenarioException of(String path, String message) {
        return new ScenarioException(List.of(new ScenarioProblem(path, message)));
    }

    /** Every problem found. */
    public List<ScenarioProblem> problems() {
        return problems;
    }

    /** The file or resource the document was read from, if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The same problems, each nested under {@code prefix} ({@code load} → {@code arrival.load}). */
    public ScenarioException under(String prefix) {
        return new ScenarioException(source, problems.stream().map(p -> p.under(prefix)).toList());
    }

    /** The same problems, attributed to {@code newSource}. */
    public ScenarioException from(String newSource) {
        return new ScenarioException(Objects.requireNonNull(newSource, "source"), problems);
    }

    private static String format(String source, List<ScenarioProblem> problems) {
        String prefix = source == null ? "" : source + ": ";
        return problems.stream().map(p -> prefix + p).collect(Collectors.joining("\n"));
    }
}
