package dev.helixrouter.cli;

/** The process exit codes of every command, and their help text (one place, so all agree). */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** The command could not do what was asked. */
    static final int FAILURE = 1;
    /** The command line was wrong: unknown option or command, or an invalid value. */
    static final int USAGE = 2;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_TEXT = "0:Success.";
    static final String FAILURE_TEXT = "1:Failure: the command could not do what was asked (for example: no display "
            + "for the lab, or an address the server cannot listen on).";
    static final String USAGE_TEXT = "2:Usage error: unknown option or command, or an invalid value.";

    private ExitCodes() {}
}
