package dev.helixrouter.bench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MicroReportTest {
    /** JMH's JSON shape, with invented scores (a format fixture, not a measurement). */
    private static final String JSON = """
            [
              {"benchmark": "dev.helixrouter.bench.PolicyBench.emptyCall",
               "primaryMetric": {"score": 1.5, "scoreError": 0.1, "scoreUnit": "ns/op"}},
              {"benchmark": "dev.helixrouter.bench.PolicyBench.heuristicChoose",
               "primaryMetric": {"score": 8.0, "scoreError": 0.2, "scoreUnit": "ns/op"}},
              {"benchmark": "dev.helixrouter.bench.PolicyBench.learnedChoose",
               "primaryMetric": {"score": 200.0, "scoreError": 3.0, "scoreUnit": "ns/op"}},
              {"benchmark": "dev.helixrouter.bench.SubmitBench.submitInline",
               "primaryMetric": {"score": 330.0, "scoreError": 5.0, "scoreUnit": "ns/op"}},
              {"benchmark": "dev.helixrouter.bench.SubmitBench.directCallWithTwoClockReads",
               "primaryMetric": {"score": 30.0, "scoreError": 1.0, "scoreUnit": "ns/op"}}
            ]
            """;

    @Test
    void read_keysScoresByClassAndMethod() throws Exception {
        Map<String, MicroReport.Score> s = MicroReport.read(JSON);
        assertEquals(5, s.size());
        assertEquals(8.0, s.get("PolicyBench.heuristicChoose").score());
        assertEquals("ns/op", s.get("PolicyBench.emptyCall").unit());
    }

    @Test
    void markdown_judgesEachRowByItsMeasure_andNamesRowsThatDidNotRun() throws Exception {
        String md = MicroReport.markdown(MicroReport.read(JSON));
        String[] lines = md.split("\n");
        assertEquals(2 + MicroTarget.ALL.size(), lines.length);
        assertTrue(lines[2].contains("| 8.00 ns/op | ≤ 10.0 ns/op | met |"), lines[2]);
        assertTrue(lines[3].contains("| 25.0 x | ≤ 20.0 x | **missed** |"), lines[3]);
        assertTrue(lines[4].contains("| 300.0 ns | ≤ 250.0 ns | **missed** |"), lines[4]);
        assertTrue(lines[5].contains("not run"), lines[5]);
    }
}
