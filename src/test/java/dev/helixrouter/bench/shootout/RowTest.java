package dev.helixrouter.bench.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class RowTest {

    private static Row row(double goodput, double recovery) {
        SequencedMap<String, Double> v = new LinkedHashMap<>();
        v.put("goodput", goodput);
        v.put("recovery_s", recovery);
        return new Row("s", "p", v);
    }

    @Test
    void medians_perColumn_skipNaN_andCountNeverRecoveredAsLargest() {
        List<Row> m = Row.medians(List.of(List.of(row(3, 1)), List.of(row(1, Double.POSITIVE_INFINITY)),
                List.of(row(Double.NaN, Double.POSITIVE_INFINITY))));
        assertEquals(2, m.getFirst().get("goodput"));
        assertTrue(Double.isInfinite(m.getFirst().get("recovery_s")));
    }

    @Test
    void csv_hasAHeaderAndOneLinePerRow() {
        String csv = ShootoutReport.csv(List.of(row(2.5, Double.POSITIVE_INFINITY)));
        String[] lines = csv.split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("system,phase,submitted,"));
        assertTrue(lines[1].startsWith("s,p,,"), "absent columns are empty: " + lines[1]);
        assertTrue(lines[1].endsWith(",inf"), lines[1]);
    }
}
