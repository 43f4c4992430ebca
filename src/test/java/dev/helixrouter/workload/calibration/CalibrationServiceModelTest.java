package dev.helixrouter.workload.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.workload.calibration.ServiceModel.Line;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CalibrationServiceModelTest {

    private static final ServiceModel MODEL = new ServiceModel(
            Line.of(50, 2), Line.of(300, 0.75), Line.of(2_000, 25));

    private static Job job(JobKind kind, long cost) {
        return new Job(1, kind, new long[] {1, 2}, cost, 0.5, 10);
    }

    @Test
    void fit_recoversAKnownLineExactly() {
        double[] x = {10_000, 22_000, 50_000, 112_000, 250_000};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 300 + 0.75 * x[i];
        }
        Line line = Line.fit(x, y);
        assertEquals(300, line.interceptNanos(), 1e-9);
        assertEquals(0.75, line.slopeNanos(), 1e-15);
        assertEquals(1.0, line.r2());
    }

    @Test
    void fit_ofNoisyPoints_isTheLeastSquaresLine() {
        // y = 1 + 2x with residuals +1, -1, -1, +1, which cancel in both sums: the line is exact
        // and r² = 1 - 4/24.
        Line line = Line.fit(new double[] {0, 1, 2, 3}, new double[] {2, 2, 4, 8});
        assertEquals(2.0, line.slopeNanos(), 1e-12);
        assertEquals(1.0, line.interceptNanos(), 1e-12);
        assertEquals(5.0 / 6.0, line.r2(), 1e-12);
    }

    @Test
    void fit_ofEqualTimes_isAFlatPerfectFit() {
        Line line = Line.fit(new double[] {1, 2, 3}, new double[] {7, 7, 7});
        assertEquals(new Line(7, 0, 1.0), line);
    }

    @Test
    void fit_needsTwoDistinctWorkValues() {
        assertThrows(IllegalArgumentException.class, () -> Line.fit(new double[] {5}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Line.fit(new double[] {5, 5}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Line.fit(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Line.fit(new double[] {1, 2}, new double[] {1, Double.NaN}));
    }

    @Test
    void line_refusesNonFiniteCoefficientsAndBadR2() {
        assertThrows(IllegalArgumentException.class, () -> Line.of(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Line.of(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Line(0, 1, 1.5));
        assertFalse(Line.of(0, 1).fitted());
    }

    @Test
    void effectiveWork_followsEachKernel() {
        assertEquals(1, ServiceModel.effectiveWork(JobKind.HASH_MIX, 0));
        assertEquals(1, ServiceModel.effectiveWork(JobKind.HASH_MIX, 127));
        assertEquals(100, ServiceModel.effectiveWork(JobKind.HASH_MIX, 6_400));
        assertEquals(10_000, ServiceModel.effectiveWork(JobKind.PRIME_COUNT, 2_000));
        assertEquals(60_000, ServiceModel.effectiveWork(JobKind.PRIME_COUNT, 60_000));
        assertEquals(250_000, ServiceModel.effectiveWork(JobKind.PRIME_COUNT, 300_000));
        assertEquals(5_000, ServiceModel.effectiveWork(JobKind.MONTE_CARLO_RISK, 250_000));
        assertEquals(20_000, ServiceModel.effectiveWork(JobKind.MONTE_CARLO_RISK, 4_000_000));
        assertEquals(50_000, ServiceModel.effectiveWork(JobKind.MONTE_CARLO_RISK, 99_000_000));
        assertThrows(IllegalArgumentException.class, () -> ServiceModel.effectiveWork(JobKind.HASH_MIX, -1));
    }

    @Test
    void serviceNanos_isTheKindsLineAtItsEffectiveWork() {
        assertEquals(50 + 2 * 100, MODEL.serviceNanos(JobKind.HASH_MIX, 6_400));
        assertEquals(300 + 7_500, MODEL.serviceNanos(JobKind.PRIME_COUNT, 5_000)); // clamped up to 10 000
        assertEquals(300 + 45_000, MODEL.serviceNanos(JobKind.PRIME_COUNT, 60_000));
        assertEquals(2_000 + 125_000, MODEL.serviceNanos(JobKind.MONTE_CARLO_RISK, 300_000)); // 5 000 returns
        assertEquals(MODEL.serviceNanos(JobKind.PRIME_COUNT, 60_000), MODEL.serviceNanos(job(JobKind.PRIME_COUNT, 60_000)));
    }

    @Test
    void serviceNanos_ofAnUnknownKind_usesTheHashMixLine() {
        JobKind custom = JobKind.of("calibration-test-custom");
        assertFalse(ServiceModel.isBuiltin(custom));
        assertEquals(MODEL.hashMix(), MODEL.line(custom));
        assertEquals(MODEL.serviceNanos(JobKind.HASH_MIX, 640_000), MODEL.serviceNanos(custom, 640_000));
    }

    @Test
    void serviceNanos_isAtLeastOneNanosecond() {
        ServiceModel negative = new ServiceModel(Line.of(-500, 1), Line.of(0, 0), Line.of(0, 0));
        assertEquals(1, negative.serviceNanos(JobKind.HASH_MIX, 64));
        assertEquals(1, negative.serviceNanos(JobKind.PRIME_COUNT, 10));
    }

    @Test
    void capacity_isCoresOverMeanServiceTime() {
        List<Job> sample = List.of(job(JobKind.HASH_MIX, 6_400), // 250 ns
                job(JobKind.PRIME_COUNT, 60_000),                  // 45 300 ns
                job(JobKind.MONTE_CARLO_RISK, 0));                 // 127 000 ns
        double mean = (250 + 45_300 + 127_000) / 3.0;
        assertEquals(mean, MODEL.meanServiceNanos(sample), 1e-9);
        assertEquals(2 * 1e9 / mean, MODEL.capacityJobsPerSec(2, sample), 1e-6);
        assertEquals(2 * MODEL.capacityJobsPerSec(1, sample), MODEL.capacityJobsPerSec(2, sample), 1e-6);
    }

    @Test
    void capacity_refusesAnEmptySampleOrNoCores() {
        List<Job> one = List.of(job(JobKind.HASH_MIX, 1));
        assertThrows(IllegalArgumentException.class, () -> MODEL.meanServiceNanos(List.of()));
        assertThrows(IllegalArgumentException.class, () -> MODEL.capacityJobsPerSec(0, one));
    }

    @Test
    void json_roundTripsFittedAndGivenLines() {
        ServiceModel fitted = new ServiceModel(new Line(53.0055368283447, 1.897426322459468, 0.9999996357404607),
                new Line(-3461.98, 0.724262, 0.975), Line.of(2_000, 25));
        String json = fitted.toJson();
        assertEquals(fitted, ServiceModel.fromJson(json));
        assertEquals(fitted, ServiceModel.fromJsonTree(fitted.toJsonTree()));
        assertFalse(fitted.toJsonTree().get("MonteCarloRisk").has("r2"), json); // NaN is not JSON
    }

    @Test
    void json_readsAHandWrittenModel() {
        ServiceModel model = ServiceModel.fromJson("""
                {"HashMix": {"intercept_nanos": 50, "slope_nanos": 2},
                 "PrimeCount": {"intercept_nanos": 300, "slope_nanos": 0.75, "r2": 0.99},
                 "MonteCarloRisk": {"intercept_nanos": 2e3, "slope_nanos": 25}}""");
        assertEquals(Line.of(50, 2), model.hashMix());
        assertEquals(new Line(300, 0.75, 0.99), model.primeCount());
        assertEquals(Line.of(2_000, 25), model.monteCarloRisk());
    }

    @Test
    void json_refusesInvalidModelsNamingThePath() {
        ObjectNode textSlope = MODEL.toJsonTree();
        ((ObjectNode) textSlope.get("HashMix")).put("slope_nanos", "2");
        assertMessage("HashMix.slope_nanos", textSlope.toString());

        ObjectNode badR2 = MODEL.toJsonTree();
        ((ObjectNode) badR2.get("PrimeCount")).put("r2", 2.0);
        assertMessage("PrimeCount.r2", badR2.toString());

        ObjectNode missingKind = MODEL.toJsonTree();
        missingKind.remove("MonteCarloRisk");
        assertMessage("MonteCarloRisk: missing", missingKind.toString());

        ObjectNode unknownKind = MODEL.toJsonTree();
        unknownKind.putObject("Sha256");
        assertMessage("Sha256: unknown key", unknownKind.toString());

        ObjectNode renamed = MODEL.toJsonTree();
        ((ObjectNode) renamed.get("HashMix")).remove("slope_nanos");
        ((ObjectNode) renamed.get("HashMix")).put("slopeNanos", 2);
        assertMessage("HashMix.slopeNanos: unknown key", renamed.toString());

        assertMessage("malformed JSON at line 1", "{\"HashMix\": ");
        assertMessage("duplicate", "{\"HashMix\": {\"intercept_nanos\": 1, \"intercept_nanos\": 2}}");
        assertMessage("must be a JSON object", "[1, 2]");
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceModel.fromJson(json));
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT)),
                "expected '" + expected + "' in: " + e.getMessage());
    }
}
