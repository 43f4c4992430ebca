package dev.helixrouter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The top-level {@code helixrouter} command: with no subcommand it opens the lab. */
@Command(name = "helixrouter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "[COMMAND]",
        description = {
            "HelixRouter: an adaptive compute router for the JVM, and the desktop lab around it.",
            "",
            "Each job declares its intent (cost, scaling, latency budget); the router decides from live load "
                    + "whether it runs inline, spawned on a virtual thread, on the bounded CPU pool, batched with "
                    + "similar jobs, or is dropped on purpose.",
            "",
            "With no COMMAND, runs 'lab' with its defaults.",
        },
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_TEXT, ExitCodes.FAILURE_TEXT, ExitCodes.USAGE_TEXT},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  HELIX_SIM_JOBS     jobs in the warm-up (default 200)",
            "  HELIX_SIM_SEED     seed of the warm-up's job generator (default 7)",
            "  HELIX_HTTP_ADDR    where serve listens (default 127.0.0.1:8080)",
            "  HELIX_API_TOKEN    bearer token for serve's mutating requests",
            "  HELIX_CONFIG_PATH  router config file serve applies and reloads",
            "",
            "Run 'helixrouter COMMAND --help' for a command's options.",
        })
final class HelixCommand implements Callable<Integer> {
    private final LabCommand lab;

    HelixCommand(LabCommand lab) {
        this.lab = lab;
    }

    @Override
    public Integer call() {
        return lab.call();
    }
}
