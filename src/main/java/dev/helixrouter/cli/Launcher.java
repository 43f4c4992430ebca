package dev.helixrouter.cli;

import dev.helixrouter.lab.LabApp;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The one executable: {@code helixrouter [lab|run|serve|help] …}, {@code lab} by default.
 *
 * <p>This class deliberately does not extend {@code javafx.application.Application}: a main class
 * that does is refused on the class path ("JavaFX runtime components are missing"), whereas this
 * one starts JavaFX itself, only when the {@code lab} command needs it, so {@code run} and
 * {@code serve} never load a toolkit.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 usage error (see {@code --help}).
 */
public final class Launcher {
    private Launcher() {}

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        int code = execute(args);
        System.exit(code);
    }

    /** Runs the command line against the real environment and GUI; returns the exit code. */
    public static int execute(String... args) {
        return commandLine(System.getenv(), LabApp::launchAndWait).execute(args);
    }

    /**
     * The command tree, with the environment and the lab's starter injected (tests pass their
     * own, so parsing and validation are tested without opening a window).
     */
    static CommandLine commandLine(Map<String, String> env, LabStarter labStarter) {
        return commandLine(env, labStarter, RunCommand.standard(env));
    }

    /** The command tree with the {@code run} command injected too (tests use temporary directories). */
    static CommandLine commandLine(Map<String, String> env, LabStarter labStarter, RunCommand runCommand) {
        return commandLine(env, labStarter, runCommand, ServeCommand.standard(env));
    }

    /** The command tree with {@code run} and {@code serve} injected (tests serve on port 0 and stop at once). */
    static CommandLine commandLine(Map<String, String> env, LabStarter labStarter, RunCommand runCommand,
                                   ServeCommand serveCommand) {
        LabCommand lab = new LabCommand(env, labStarter);
        CommandLine cl = new CommandLine(new HelixCommand(lab));
        cl.addSubcommand("lab", lab);
        cl.addSubcommand("run", runCommand);
        cl.addSubcommand("serve", serveCommand);
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        // Usage errors: the message, picocli's "did you mean" when it has one, and always the usage.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(failed.getColorScheme().errorText(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            failed.usage(err, failed.getColorScheme());
            err.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            PrintWriter err = line.getErr();
            err.println(line.getCommandSpec().qualifiedName() + ": failed: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return ExitCodes.FAILURE;
        });
        return cl;
    }
}
