package dev.helixrouter.workload.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.JobKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The result of timing the built-in kernels on one machine: the fitted {@link ServiceModel},
 * the measured points it was fitted to, and a description of the machine and JVM it holds for.
 *
 * <p>A calibration is only valid where it was made. Its {@link #fingerprint()} identifies that
 * place — cores, CPU model, architecture, JVM and {@link #KERNEL_VERSION} — and the
 * {@link CalibrationCache} reuses a stored calibration only when the fingerprint matches.
 *
 * @param model        the fitted service times
 * @param points       the measured points, in the order they were measured
 * @param machine      where the calibration was made
 * @param fingerprint  {@link Machine#fingerprint()} at the time of calibration; stored rather
 *                     than derived because it includes the kernel version of the code that
 *                     made it
 * @param calibratedAt when the calibration finished
 */
public record Calibration(ServiceModel model, List<Point> points, Machine machine, String fingerprint,
                          Instant calibratedAt) {

    /**
     * Version of the kernels' cost-to-work definitions. Bump it whenever a kernel in
     * {@code dev.helixrouter.engine.kernel.Kernels} changes how long it runs for a given cost:
     * the version is part of the fingerprint, so every cached calibration is then redone.
     */
    public static final int KERNEL_VERSION = 1;

    /** Name of the document format, written into every calibration file. */
    public static final String FORMAT = "helixrouter-calibration";
    /** Version of the document format. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> KEYS = Set.of("format", "format_version", "fingerprint", "calibrated_at",
            "machine", "model", "points");
    private static final Set<String> MACHINE_KEYS = Set.of("cores", "cpu_model", "os_arch", "jvm_version");
    private static final Set<String> POINT_KEYS = Set.of("kind", "cost", "median_nanos");

    /** Checks for nulls and copies the points. */
    public Calibration {
        Objects.requireNonNull(model, "model");
        points = List.copyOf(points);
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(calibratedAt, "calibratedAt");
    }

    /**
     * One measured point: the median time of one call of a kernel at one cost.
     *
     * @param kind        the kernel's kind
     * @param cost        the job's {@code compute_cost}
     * @param medianNanos the median time of one call, in nanoseconds
     */
    public record Point(JobKind kind, long cost, double medianNanos) {

        /** Checks the values. */
        public Point {
            Objects.requireNonNull(kind, "kind");
            if (cost < 0) {
                throw new IllegalArgumentException("cost must be >= 0, was " + cost);
            }
            if (!Double.isFinite(medianNanos) || medianNanos < 0) {
                throw new IllegalArgumentException("medianNanos must be finite and >= 0, was " + medianNanos);
            }
        }

        /** The kernel's effective work at this cost ({@link ServiceModel#effectiveWork}). */
        public long work() {
            return ServiceModel.effectiveWork(kind, cost);
        }
    }

    /**
     * The machine and JVM a calibration holds for.
     *
     * @param cores      available processors as the JVM sees them (container limits included)
     * @param cpuModel   the CPU model name, {@code "unknown"} where it cannot be read
     * @param osArch     the {@code os.arch} system property
     * @param jvmVersion the VM name and full runtime version
     */
    public record Machine(int cores, String cpuModel, String osArch, String jvmVersion) {

        /** Placeholder for a CPU model that cannot be read. */
        public static final String UNKNOWN = "unknown";
        private static final Path CPUINFO = Path.of("/proc/cpuinfo");
        // x86 says "model name"; ARM and others say one of the rest, in this order of precision.
        private static final List<String> CPU_MODEL_KEYS = List.of("model name", "cpu model", "Hardware", "Processor");

        /** Checks the values. */
        public Machine {
            if (cores < 1) {
                throw new IllegalArgumentException("cores must be >= 1, was " + cores);
            }
            Objects.requireNonNull(cpuModel, "cpuModel");
            Objects.requireNonNull(osArch, "osArch");
            Objects.requireNonNull(jvmVersion, "jvmVersion");
        }

        /** This machine and JVM, now. */
        public static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(CPUINFO),
                    System.getProperty("os.arch", UNKNOWN),
                    System.getProperty("java.vm.name", "Java") + " " + Runtime.version());
        }

        /** The CPU model named in a {@code /proc/cpuinfo}-style file, or {@link #UNKNOWN}. */
        static String readCpuModel(Path cpuinfo) {
            try {
                List<String> lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
                for (String key : CPU_MODEL_KEYS) {
                    for (String line : lines) {
                        int colon = line.indexOf(':');
                        if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                            String value = line.substring(colon + 1).strip();
                            if (!value.isEmpty()) {
                                return value;
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux, or not readable: the model is only part of a cache key, so a
                // placeholder is enough; cores, arch and JVM still tell machines apart.
            }
            return UNKNOWN;
        }

        /**
         * The cache key of this machine: cores, CPU model, architecture, JVM and the current
         * {@link #KERNEL_VERSION}, readable so a mismatch can be reported.
         */
        public String fingerprint() {
            return "cores=" + cores + "; cpu=" + cpuModel + "; arch=" + osArch + "; jvm=" + jvmVersion
                    + "; kernels=" + KERNEL_VERSION;
        }

        /** A one-line description, for reports. */
        public String describe() {
            return String.format(Locale.ROOT, "%d cores, %s, %s, %s", cores, cpuModel, osArch, jvmVersion);
        }
    }

    /** The measured points of {@code kind}, in measurement order. */
    public List<Point> points(JobKind kind) {
        return points.stream().filter(p -> p.kind() == kind).toList();
    }

    // ---- JSON ----

    /** This calibration as a pretty-printed JSON document (the cache file's format). */
    public String toJson() {
        ObjectNode root = CalibrationJson.NODES.objectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("fingerprint", fingerprint);
        root.put("calibrated_at", calibratedAt.toString());
        ObjectNode m = root.putObject("machine");
        m.put("cores", machine.cores());
        m.put("cpu_model", machine.cpuModel());
        m.put("os_arch", machine.osArch());
        m.put("jvm_version", machine.jvmVersion());
        root.set("model", model.toJsonTree());
        ArrayNode array = root.putArray("points");
        for (Point p : points) {
            array.addObject().put("kind", p.kind().name()).put("cost", p.cost()).put("median_nanos", p.medianNanos());
        }
        return CalibrationJson.write(root);
    }

    /**
     * Reads a calibration written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the document is malformed, of another format or
     *         version, or invalid; the message names the offending path
     */
    public static Calibration fromJson(String json) {
        ObjectNode root = CalibrationJson.object(CalibrationJson.parse(json, "calibration"), "calibration");
        // Check the format first: a foreign JSON file should say so, not list its unknown keys.
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw new IllegalArgumentException("calibration: not a " + FORMAT + " document (format was "
                    + (format == null ? "missing" : format) + ")");
        }
        long version = CalibrationJson.wholeNumber(root, "", "format_version", 0, Integer.MAX_VALUE);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version: " + version + " is not supported (expected "
                    + FORMAT_VERSION + ")");
        }
        CalibrationJson.onlyKeys(root, "", KEYS);
        String fingerprint = CalibrationJson.text(root, "", "fingerprint");
        Instant at;
        try {
            at = Instant.parse(CalibrationJson.text(root, "", "calibrated_at"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("calibrated_at: not an ISO-8601 instant: " + e.getParsedString(), e);
        }
        ObjectNode m = CalibrationJson.object(CalibrationJson.required(root, "", "machine"), "machine");
        CalibrationJson.onlyKeys(m, "machine", MACHINE_KEYS);
        Machine machine = new Machine(
                (int) CalibrationJson.wholeNumber(m, "machine", "cores", 1, Integer.MAX_VALUE),
                CalibrationJson.text(m, "machine", "cpu_model"),
                CalibrationJson.text(m, "machine", "os_arch"),
                CalibrationJson.text(m, "machine", "jvm_version"));
        ServiceModel model = ServiceModel.fromJsonTree(CalibrationJson.required(root, "", "model"), "model");
        JsonNode array = CalibrationJson.required(root, "", "points");
        if (!array.isArray()) {
            throw new IllegalArgumentException("points: must be a JSON array");
        }
        List<Point> points = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String where = "points[" + i + "]";
            ObjectNode p = CalibrationJson.object(array.get(i), where);
            CalibrationJson.onlyKeys(p, where, POINT_KEYS);
            JobKind kind;
            try {
                kind = JobKind.of(CalibrationJson.text(p, where, "kind"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".kind: " + e.getMessage(), e);
            }
            double median = CalibrationJson.finiteNumber(p, where, "median_nanos");
            if (median < 0) {
                throw new IllegalArgumentException(where + ".median_nanos: must be >= 0, was " + median);
            }
            points.add(new Point(kind, CalibrationJson.wholeNumber(p, where, "cost", 0, Long.MAX_VALUE), median));
        }
        return new Calibration(model, points, machine, fingerprint, at);
    }
}
