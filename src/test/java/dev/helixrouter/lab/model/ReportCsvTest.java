package dev.helixrouter.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCsvTest {

    @Test
    void oneLinePerStrategy_underTheDocumentedHeader() {
        String csv = ReportCsv.of(Snapshots.at(1, 1, new long[] {10, 20, 30, 40, 0}, 2.5, java.util.Map.of()));
        List<String> lines = csv.lines().toList();
        assertEquals(ReportCsv.HEADER, lines.getFirst());
        assertEquals(6, lines.size());
        assertEquals(16, ReportCsv.COLUMNS.size());
        for (String l : lines) {
            assertEquals(ReportCsv.COLUMNS.size(), l.split(",", -1).length, l);
        }
        assertEquals("inline,10,0.1000,10,10,0,0,2.500,2.500,2.500,2.500,2.500,2.500,2.500,,", lines.get(1));
        assertEquals("drop,0,0.0000,0,0,0,0,,,,,,,,,", lines.get(5), "no samples: empty, not zero");
    }
}
