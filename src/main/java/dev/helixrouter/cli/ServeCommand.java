package dev.helixrouter.cli;

import picocli.CommandLine.Command;

/** {@code helixrouter serve}: the HTTP API with the engine, no GUI (coming). */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Serves the HTTP API with the engine, without a GUI.",
            "",
            "Stats, live config, Prometheus metrics and the decision stream, with an optional simulator. "
                    + "Not available yet in this build: it arrives with the HTTP API issue.",
        },
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_TEXT, ExitCodes.FAILURE_TEXT, ExitCodes.USAGE_TEXT})
final class ServeCommand extends PlaceholderCommand {
    @Override
    String arrivesWith() {
        return "the HTTP API issue";
    }
}
