package dev.helixrouter.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

/**
 * A command whose real implementation arrives with a later issue: it says so on stderr and exits
 * with {@link ExitCodes#FAILURE}, whatever arguments it is given (so a user trying tomorrow's
 * syntax learns that the command is missing, not that their arguments are wrong).
 */
abstract class PlaceholderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> ignored;

    /** What brings the command, e.g. "the workload issue". */
    abstract String arrivesWith();

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("helixrouter " + spec.name()
                + ": not available yet in this build (it arrives with " + arrivesWith() + ")");
        spec.commandLine().getErr().flush();
        return ExitCodes.FAILURE;
    }
}
