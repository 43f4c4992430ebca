package dev.helixrouter.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.SnapshotJson;
import java.time.Instant;

/**
 * The JSON report of a run ({@code run --json}): the counters {@code submitted, completed,
 * dropped, failed, in_flight} at the top level, then a {@code run} object saying what ran and
 * how, the {@code config} in force, and the rest of the final snapshot. Schema: {@code
 * docs/REPORT.md}.
 */
public final class RunReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What was run.
     *
     * @param scenario      scenario name
     * @param description   its one-line description
     * @param timeMode      {@code live} or {@code virtual}
     * @param seed          the generator seed
     * @param loadMultiplier the load multiplier applied to the scenario's rates
     * @param lambdaStar    the calibrated capacity λ* in jobs per second (NaN if not used)
     * @param serviceModelSource where the service model behind λ* and virtual-time service times
     *                      came from: {@link #FROM_CALIBRATION}, {@link #FROM_SCENARIO}, or null
     *                      when the run used none (a live run without λ*)
     * @param cores         processors (real, or modelled in virtual time)
     * @param plannedJobs   jobs in the plan
     * @param source        {@code scenario} or the replayed trace's path
     * @param startedAt     wall-clock start of a live run; null in virtual time (the report must
     *                      not depend on when it was made)
     * @param seconds       how long the run took: real time for a live run, simulated time for a
     *                      virtual one
     */
    public record RunInfo(String scenario, String description, String timeMode, long seed, double loadMultiplier,
                          double lambdaStar, String serviceModelSource, int cores, int plannedJobs, String source,
                          Instant startedAt, double seconds) {

        /** Checks that the model's source is one of the known ones, or null. */
        public RunInfo {
            if (serviceModelSource != null && !serviceModelSource.equals(FROM_CALIBRATION)
                    && !serviceModelSource.equals(FROM_SCENARIO)) {
                throw new IllegalArgumentException("serviceModelSource must be " + FROM_CALIBRATION + ", "
                        + FROM_SCENARIO + " or null, was " + serviceModelSource);
            }
        }

        /**
         * An info whose service model, if any, is this machine's calibration, as in every live
         * run: {@link #FROM_CALIBRATION} when λ* is finite, none otherwise.
         */
        public RunInfo(String scenario, String description, String timeMode, long seed, double loadMultiplier,
                       double lambdaStar, int cores, int plannedJobs, String source, Instant startedAt,
                       double seconds) {
            this(scenario, description, timeMode, seed, loadMultiplier, lambdaStar,
                    Double.isFinite(lambdaStar) ? FROM_CALIBRATION : null, cores, plannedJobs, source, startedAt,
                    seconds);
        }
    }

    /** {@code run.service_model_source}: this machine's calibration (and measured overheads). */
    public static final String FROM_CALIBRATION = "calibration";
    /** {@code run.service_model_source}: the scenario's explicit {@code service_model}. */
    public static final String FROM_SCENARIO = "scenario";

    private RunReport() {}

    /** The report as a JSON tree. */
    public static ObjectNode toTree(RouterSnapshot snapshot, RouterConfig config, RunInfo info) {
        ObjectNode snap = SnapshotJson.toTree(snapshot);
        ObjectNode out = MAPPER.createObjectNode();
        for (String key : new String[] {"submitted", "completed", "dropped", "failed", "in_flight"}) {
            out.set(key, snap.remove(key));
        }
        ObjectNode run = out.putObject("run");
        run.put("scenario", info.scenario());
        run.put("description", info.description());
        run.put("time_mode", info.timeMode());
        run.put("seed", info.seed());
        run.put("load", info.loadMultiplier());
        if (Double.isFinite(info.lambdaStar())) {
            run.put("lambda_star", info.lambdaStar());
        } else {
            run.putNull("lambda_star");
        }
        run.put("service_model_source", info.serviceModelSource());
        run.put("cores", info.cores());
        run.put("planned_jobs", info.plannedJobs());
        run.put("source", info.source());
        if (info.startedAt() != null) {
            run.put("started_at", info.startedAt().toString());
            run.put("wall_secs", info.seconds());
        } else {
            run.put("virtual_secs", info.seconds());
        }
        out.set("config", RouterConfigJson.toTree(config));
        out.setAll(snap);
        return out;
    }

    /** The report as indented JSON text. */
    public static String toJson(RouterSnapshot snapshot, RouterConfig config, RunInfo info) {
        try {
            return MAPPER.writeValueAsString(toTree(snapshot, config, info)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("report could not be written as JSON", e);
        }
    }
}
