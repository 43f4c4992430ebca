package dev.helixrouter.cli;

import dev.helixrouter.lab.LabOptions;

/** Opens the lab with the given options and returns the exit code once it is closed. */
@FunctionalInterface
interface LabStarter {
    /** Blocks until the lab window is closed. */
    int start(LabOptions options);
}
