package dev.helixrouter.adapt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.Scenario;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the adaptive layer must show, asserted in virtual time on the {@code overload} preset
 * (Poisson at 2 λ*, seed 42, 100 000 jobs) on {@link VirtualLab}'s fixed 2-core machine: the same
 * trace for every run, so each comparison differs only in the config.
 */
class AdaptiveGoalsTest {
    private static Scenario scenario;
    private static RouterConfig base;
    private static List<Arrival> arrivals;

    @BeforeAll
    static void trace() {
        scenario = VirtualLab.scenario("overload", 42, 100_000);
        base = scenario.routerConfig(RouterConfig.defaults(VirtualLab.CORES));
        arrivals = VirtualLab.arrivals(scenario, base);
    }

    @Test
    void learnedPolicy_onOverload_hasAtLeastTheHeuristicsGoodput() {
        VirtualLab.Outcome heuristic = VirtualLab.run(base, arrivals);
        VirtualLab.Outcome learned = VirtualLab.run(base.toBuilder().routingPolicy(PolicyKind.LEARNED).build(), arrivals);
        System.out.printf("overload: heuristic %s%n          learned   %s%n", heuristic.summary(), learned.summary());
        assertTrue(learned.goodput() >= heuristic.goodput(),
                "learned " + learned.goodput() + " >= heuristic " + heuristic.goodput());
        assertTrue(learned.learned().updates() > 10_000, "it learned from its outcomes");
    }

    @Test
    void learnedPolicy_onOverload_isAheadOnOtherSeedsToo() {
        for (long seed : new long[] {1, 2, 3}) {
            Scenario sc = VirtualLab.scenario("overload", seed, 100_000);
            RouterConfig cfg = sc.routerConfig(RouterConfig.defaults(VirtualLab.CORES));
            List<Arrival> trace = VirtualLab.arrivals(sc, cfg);
            double heuristic = VirtualLab.run(cfg, trace).goodput();
            double learned = VirtualLab.run(cfg.toBuilder().routingPolicy(PolicyKind.LEARNED).build(), trace).goodput();
            System.out.printf("overload seed %d: learned / heuristic goodput %.4f%n", seed, learned / heuristic);
            assertTrue(learned >= heuristic, "seed " + seed + ": learned " + learned + " >= heuristic " + heuristic);
        }
    }

    @Test
    void learnedPolicy_onMisconfiguredThresholds_recoversHalfTheGapWithin20000Jobs() {
        // Thresholds 10x too low: tiny jobs queue on the CPU lane and in batches.
        List<Arrival> first = arrivals.subList(0, 20_000);
        RouterConfig wrong = base.toBuilder().inlineThreshold(base.inlineThreshold() / 10)
                .spawnThreshold(base.spawnThreshold() / 10).build();
        double good = VirtualLab.run(base, first).goodput();
        double bad = VirtualLab.run(wrong, first).goodput();
        double learned = VirtualLab.run(wrong.toBuilder().routingPolicy(PolicyKind.LEARNED).build(), first).goodput();
        System.out.printf("misconfigured, 20 000 jobs: well-configured heuristic %.0f/s, misconfigured heuristic %.0f/s,"
                + " misconfigured learned %.0f/s%n", good, bad, learned);
        assertTrue(good > bad, "the misconfiguration costs goodput: " + good + " vs " + bad);
        assertTrue(learned - bad >= 0.5 * (good - bad),
                "recovers at least half the gap: " + learned + " vs " + bad + " .. " + good);
    }

    @Test
    void deadlineGate_halvesLateCompletions_againstTheBusyGate_withGoodputNoLower() {
        VirtualLab.Outcome deadline = VirtualLab.run(base, arrivals);
        VirtualLab.Outcome busy = VirtualLab.run(base.toBuilder().backpressureGate(GateMode.BUSY).build(), arrivals);
        System.out.printf("gates: deadline %s%n       busy     %s%n", deadline.summary(), busy.summary());
        assertTrue(busy.late() > 0, "the busy gate lets some jobs finish late");
        assertTrue(2 * deadline.late() <= busy.late(), "late: deadline " + deadline.late() + ", busy " + busy.late());
        assertTrue(deadline.goodput() >= busy.goodput(), "goodput: deadline " + deadline.goodput() + ", busy "
                + busy.goodput());
    }
}
