package dev.helixrouter.engine.config;

/**
 * A configuration the router has applied, with its version (monotonic, starting at 1).
 *
 * @param version increases by one with every applied change
 * @param config  the valid configuration in force
 */
public record AppliedConfig(long version, RouterConfig config) {}
