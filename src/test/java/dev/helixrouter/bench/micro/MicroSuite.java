package dev.helixrouter.bench.micro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the micro suite of BENCHMARKS.md with JMH and prints every row against its target:
 * {@code ./mvnw -Pjmh test-compile exec:exec@jmh [-Djmh.args="..."]}. The arguments are JMH's own
 * (default, from the pom: {@code -f 1 -wi 3 -i 5 -w 1s -r 1s}); with no benchmark named, every
 * benchmark of {@code dev.helixrouter.bench} runs. Writes {@code target/jmh/micro.json} (JMH's
 * results) and {@code target/jmh/micro.md} (the table, with date, machine and arguments).
 */
public final class MicroSuite {
    private static final Path OUT = Path.of("target", "jmh");

    private MicroSuite() {
    }

    public static void main(String[] args) throws IOException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("MicroSuite: bad JMH arguments: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListProfilers() || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Files.createDirectories(OUT);
        Path json = OUT.resolve("micro.json");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (cli.getIncludes().isEmpty()) {
            options.include("dev\\.helixrouter\\.bench\\..*");
        }
        Instant started = Instant.now();
        try {
            new Runner(options.build()).run();
        } catch (RunnerException e) {
            System.err.println("MicroSuite: JMH failed: " + e.getMessage());
            System.exit(1);
        }
        String table = MicroReport.markdown(MicroReport.read(Files.readString(json)));
        String md = "# Micro suite\n\n- date: " + started + "\n- machine: "
                + dev.helixrouter.bench.Machine.describe() + "\n- command: `./mvnw -Pjmh test-compile exec:exec@jmh -Djmh.args=\""
                + String.join(" ", args) + "\"`\n\n" + table;
        Files.writeString(OUT.resolve("micro.md"), md, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(md);
    }
}
