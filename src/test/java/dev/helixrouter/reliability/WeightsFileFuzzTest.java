package dev.helixrouter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.adapt.AdaptiveLayer;
import dev.helixrouter.adapt.LearnedPolicy;
import dev.helixrouter.adapt.LearnedWeights;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile learned-weights files ({@code HELIX_WEIGHTS_PATH}): a valid file damaged character by
 * character, random JSON trees over its keys, and valid ones with extreme numbers. The parser
 * reads each whole or refuses it with a clear message; the adaptive layer, given the file at
 * start, never fails: it uses a readable file (with every weight clipped), and otherwise reports
 * the problem naming the file, keeps the bad file as {@code .corrupt} and writes the warm start.
 */
class WeightsFileFuzzTest {
    private static final Fuzz FUZZ = new Fuzz("fuzz_weights");
    private static final RouterConfig CFG = RouterConfig.defaults(2);
    private static final List<String> KEYS = List.of("format", "version", "strategies", "features", "updates",
            "kinds", "weights", "baseline", "HashMix", "PrimeCount", "inline", "spawn", "cpu_pool", "batch");
    private static final String VALID = valid(new Random(11), 2, 1.0);

    /** A well-formed file with {@code kinds} kinds and weights of magnitude up to {@code scale}. */
    private static String valid(Random r, int kinds, double scale) {
        List<String> arms = LearnedPolicy.ARMS.stream().map(Strategy::wireName).toList();
        Map<String, LearnedWeights.Kind> models = new LinkedHashMap<>();
        for (int k = 0; k < kinds; k++) {
            double[][] w = new double[arms.size()][LearnedPolicy.FEATURES.size()];
            for (double[] row : w) {
                Arrays.setAll(row, c -> (r.nextDouble() * 2 - 1) * scale);
            }
            models.put(k == 0 ? "HashMix" : "Kind" + k, new LearnedWeights.Kind(w, r.nextDouble() - 0.5, r.nextInt(1000)));
        }
        return new LearnedWeights(arms, LearnedPolicy.FEATURES, r.nextInt(100_000), models).toJson();
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.randomValue(r -> Hostile.mutate(VALID, r))),
                Tuple.of(2, Hostile.documents(List.of(VALID), KEYS)),
                Tuple.of(2, Arbitraries.randomValue(r -> valid(r, 1 + r.nextInt(4), Math.pow(10, r.nextInt(4))))),
                Tuple.of(1, Arbitraries.just(VALID)));
    }

    @Property(seed = "4242")
    void weightsFiles_loadWhole_orAreReplacedByTheWarmStart(@ForAll("files") String text) throws Exception {
        FUZZ.attempt("files", text, () -> LearnedWeights.parse(text), IllegalArgumentException.class,
                w -> assertEquals(w.toJson(), LearnedWeights.parse(w.toJson()).toJson(), "writes back"),
                e -> Fuzz.clearMessage(e.getMessage(), text));
        // On disk as UTF-8 (a lone surrogate becomes '?', as any editor would write it).
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String onDisk = new String(bytes, StandardCharsets.UTF_8);
        boolean readable = readable(onDisk);

        Path dir = Files.createTempDirectory("helix-weights-fuzz");
        try {
            Path file = dir.resolve("weights.json");
            Files.write(file, bytes);
            AdaptiveLayer layer = Reliability.noHang("install",
                    () -> AdaptiveLayer.install(HelixRouter.builder(), CFG, 2, Optional.of(file)));
            LearnedPolicy p = layer.learned();
            if (readable) {
                assertEquals("file", p.source());
                for (String kind : LearnedWeights.parse(onDisk).kinds().keySet()) {
                    if (!kind.isBlank()) {
                        assertBounded(p.weights(JobKind.of(kind)), CFG.learnedWeightClip(), kind);
                    }
                }
                FUZZ.count("layer_loaded_file");
            } else {
                assertEquals("warm_start", p.source());
                String error = p.loadError();
                Fuzz.clearMessage(error, text);
                assertTrue(error.contains(file.toString()), "the error names the file: " + error);
                assertEquals(onDisk, Files.readString(dir.resolve("weights.json.corrupt")), "the bad file is kept");
                assertEquals(0, LearnedWeights.load(file).updates(), "replaced by the warm start");
                FUZZ.count("layer_recovered_with_warm_start");
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static boolean readable(String text) {
        try {
            LearnedWeights.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void assertBounded(double[][] weights, double clip, String kind) {
        for (double[] row : weights) {
            for (double w : row) {
                assertTrue(Double.isFinite(w) && Math.abs(w) <= clip, kind + ": weight " + w + " beyond the clip " + clip);
            }
        }
    }

    @AfterContainer
    static void report() {
        FUZZ.report();
    }
}
