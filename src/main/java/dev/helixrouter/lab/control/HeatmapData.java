package dev.helixrouter.lab.control;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The numbers a {@link WeightHeatmap} shows: a matrix with a label per row and per column. Pure
 * data, no JavaFX: view models build it.
 *
 * @param rowLabels    one per row (e.g. strategies)
 * @param columnLabels one per column (e.g. features)
 * @param values       {@code values[row][column]}; NaN for a missing value
 */
public record HeatmapData(List<String> rowLabels, List<String> columnLabels, double[][] values) {

    /** No rows, no columns. */
    public static final HeatmapData EMPTY = new HeatmapData(List.of(), List.of(), new double[0][]);

    /** Checks that the matrix matches its labels; copies everything. */
    public HeatmapData {
        rowLabels = List.copyOf(rowLabels);
        columnLabels = List.copyOf(columnLabels);
        Objects.requireNonNull(values, "values");
        if (values.length != rowLabels.size()) {
            throw new IllegalArgumentException("values has " + values.length + " rows for " + rowLabels.size()
                    + " row labels");
        }
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != columnLabels.size()) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values for "
                        + columnLabels.size() + " column labels");
            }
            copy[r] = values[r].clone();
        }
        values = copy;
    }

    /** Rows. */
    public int rows() {
        return rowLabels.size();
    }

    /** Columns. */
    public int columns() {
        return columnLabels.size();
    }

    /** The value at {@code row}, {@code column}. */
    public double value(int row, int column) {
        return values[row][column];
    }

    /** The largest magnitude of any finite value; 0 when there is none. */
    public double maxAbs() {
        double m = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatmapData h && rowLabels.equals(h.rowLabels) && columnLabels.equals(h.columnLabels)
                && Arrays.deepEquals(values, h.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rowLabels, columnLabels, Arrays.deepHashCode(values));
    }

    @Override
    public String toString() {
        return "HeatmapData" + rowLabels + "x" + columnLabels;
    }
}
