package dev.helixrouter.lab.model;

import dev.helixrouter.engine.Strategy;

/**
 * A strategy's slice of the donut.
 *
 * @param strategy the strategy
 * @param routed   jobs routed to it in the window shown
 * @param share    its share of all jobs routed in that window, 0–1
 */
public record StrategyShare(Strategy strategy, long routed, double share) {}
