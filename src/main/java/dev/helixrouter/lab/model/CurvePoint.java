package dev.helixrouter.lab.model;

/**
 * A point of a simple line chart.
 *
 * @param x seconds of run time (or a sample index)
 * @param y the value
 */
public record CurvePoint(double x, double y) {}
