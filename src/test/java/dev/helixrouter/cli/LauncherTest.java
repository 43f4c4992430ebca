package dev.helixrouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.lab.LabOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line: parsing, help, exit codes. No window is opened: the lab's starter is recorded. */
class LauncherTest {

    /** One invocation's result. */
    private record Run(int code, String out, String err, LabOptions started) {}

    private static Run run(Map<String, String> env, String... args) {
        LabOptions[] started = new LabOptions[1];
        CommandLine cl = Launcher.commandLine(env, options -> {
            started[0] = options;
            return 0;
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString(), started[0]);
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void help_listsEverySubcommand_andTheExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String command : new String[] {"lab", "run", "serve", "help"}) {
            assertTrue(r.out().matches("(?s).*\\n  " + command + " .*"), "help should list '" + command + "':\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("0   Success"), r.out());
        assertTrue(r.out().contains("1   Failure"), r.out());
        assertTrue(r.out().contains("2   Usage error"), r.out());
        assertTrue(r.out().contains("HELIX_SIM_JOBS"), r.out());
        assertNull(r.started(), "--help must not open the lab");
    }

    @Test
    void shortHelp_isTheSameAsLongHelp() {
        assertEquals(run("--help").out(), run("-h").out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lab", "run", "serve"})
    void everySubcommand_hasHelp_withExitCodes(String command) {
        Run r = run(command, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: helixrouter " + command), r.out());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertNull(r.started());
    }

    @Test
    void helpCommand_showsASubcommandsHelp() {
        Run r = run("help", "lab");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--jobs=N"), r.out());
        assertTrue(r.out().contains("--exit-after=SECONDS"), r.out());
    }

    @Test
    void version_namesTheProduct() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("HelixRouter Lab "), r.out());
        assertTrue(r.out().contains("Java "), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "127.0.0.1", "127.0.0.1:99999", "[::1", ":8080"})
    void serve_refusesABadAddress_withExit2(String addr) {
        Run r = run("serve", "--addr", addr);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--addr: invalid address '" + addr + "'"), r.err());
        assertTrue(r.err().contains("Usage: helixrouter serve"), r.err());
    }

    @Test
    void serve_refusesABadAddressInTheEnvironment_namingTheVariable() {
        Run r = run(Map.of("HELIX_HTTP_ADDR", "localhost"), "serve");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("HELIX_HTTP_ADDR: invalid address 'localhost'"), r.err());
    }

    @Test
    void serve_beyondLoopbackWithoutAToken_exits1_sayingWhy() {
        Run r = run("serve", "--no-sim", "--addr", "0.0.0.0:0");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("helixrouter serve: refusing to listen on 0.0.0.0:0 without an API token"),
                r.err());
        assertTrue(r.err().contains("HELIX_API_TOKEN"), r.err());
        Run blank = run(Map.of("HELIX_API_TOKEN", "  "), "serve", "--no-sim", "--addr", "0.0.0.0:0");
        assertEquals(1, blank.code(), blank.err());
    }

    @Test
    void serve_refusesContradictoryOptions() {
        Run r = run("serve", "--no-sim", "--scenario", "steady");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-sim and --scenario exclude each other"), r.err());
        Run load = run("serve", "--load", "0");
        assertEquals(2, load.code());
        assertTrue(load.err().contains("--load must be"), load.err());
    }

    @Test
    void unknownOption_exits2_withTheUsage() {
        Run r = run("--bogus");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
        assertTrue(r.err().contains("Usage: helixrouter"), r.err());
        assertNull(r.started());
    }

    @Test
    void unknownSubcommand_exits2() {
        Run r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
        assertTrue(r.err().contains("Usage: helixrouter"), r.err());
    }

    @Test
    void unknownLabOption_exits2_withTheLabUsage() {
        Run r = run("lab", "--job", "5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: helixrouter lab"), r.err());
        assertNull(r.started());
    }

    @Test
    void noCommand_opensTheLab_withTheDefaults() {
        Run r = run();
        assertEquals(0, r.code(), r.err());
        assertEquals(LabOptions.defaults(), r.started());
        assertEquals(LabOptions.DEFAULT_SCENARIO, r.started().scenarioName());
    }

    @Test
    void lab_takesItsOptions() {
        Run r = run("lab", "--jobs", "500", "--seed", "-42", "--exit-after", "2.5");
        assertEquals(0, r.code(), r.err());
        assertEquals(LabOptions.defaults().withJobs(500).withSeed(-42).withExitAfter(Duration.ofMillis(2500)),
                r.started());
    }

    @Test
    void lab_takesAScenarioToStart_andItsSettings() {
        Run r = run("lab", "--scenario", "overload", "--start", "--loop", "--load", "0.5", "--tab", "decisions",
                "--stats", "stats.jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(LabOptions.defaults().withScenario("overload").withStart(true).withLoop(true).withLoad(0.5)
                .withTab("decisions").withStatsFile(java.nio.file.Path.of("stats.jsonl")), r.started());
    }

    @Test
    void lab_refusesAnUnknownScenario_listingTheAvailableOnes() {
        Run r = run("lab", "--scenario", "overlaod");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--scenario: no preset named 'overlaod' and no such file; available presets: "),
                r.err());
        assertTrue(r.err().contains("overload"), r.err());
        assertNull(r.started());
    }

    @Test
    void lab_refusesABadTabOrLoad() {
        Run tab = run("lab", "--tab", "graphs");
        assertEquals(2, tab.code());
        assertTrue(tab.err().contains("--tab must be one of overview, latency, decisions, learned, autoscaler"),
                tab.err());
        Run load = run("lab", "--load", "0");
        assertEquals(2, load.code());
        assertTrue(load.err().contains("--load must be a number > 0 and <= 1000, was 0.0"), load.err());
    }

    @Test
    void lab_readsTheEnvironment_andOptionsWin() {
        Map<String, String> env = Map.of("HELIX_SIM_JOBS", "64", "HELIX_SIM_SEED", "99");
        LabOptions fromEnv = LabOptions.defaults().withJobs(64).withSeed(99);
        assertEquals(fromEnv, run(env, "lab").started());
        assertEquals(fromEnv, run(env).started());
        assertEquals(fromEnv.withJobs(10), run(env, "lab", "--jobs", "10").started());
        assertEquals(fromEnv.withSeed(1), run(env, "lab", "--seed", "1").started());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1000001"})
    void lab_refusesJobsOutOfRange(String jobs) {
        Run r = run("lab", "--jobs", jobs);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--jobs must be within 1..1000000, was " + jobs), r.err());
        assertNull(r.started());
    }

    @Test
    void lab_refusesJobsThatAreNotANumber() {
        Run r = run("lab", "--jobs", "many");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--jobs"), r.err());
        assertTrue(r.err().contains("many"), r.err());
        assertNull(r.started());
    }

    @Test
    void lab_refusesABadEnvironment_namingTheVariable() {
        Run jobs = run(Map.of("HELIX_SIM_JOBS", "lots"), "lab");
        assertEquals(2, jobs.code());
        assertTrue(jobs.err().contains("HELIX_SIM_JOBS must be a whole number within 1..1000000, was 'lots'"), jobs.err());
        Run zero = run(Map.of("HELIX_SIM_JOBS", "0"));
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("HELIX_SIM_JOBS must be within 1..1000000, was 0"), zero.err());
        Run seed = run(Map.of("HELIX_SIM_SEED", "7.5"), "lab");
        assertEquals(2, seed.code());
        assertTrue(seed.err().contains("HELIX_SIM_SEED must be a whole number"), seed.err());
        assertNull(jobs.started());
        assertNull(seed.started());
    }

    @Test
    void lab_ignoresABlankEnvironmentVariable() {
        assertEquals(LabOptions.defaults(), run(Map.of("HELIX_SIM_JOBS", " ", "HELIX_SIM_SEED", ""), "lab").started());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "NaN", "Infinity", "86401"})
    void lab_refusesAnExitAfterOutOfRange(String seconds) {
        Run r = run("lab", "--exit-after", seconds);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--exit-after must be a number of seconds > 0 and <= 86400"), r.err());
        assertNull(r.started());
    }

    @Test
    void labStarterFailure_isTheExitCode() {
        CommandLine cl = Launcher.commandLine(Map.of(), options -> 1);
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(1, cl.execute("lab"));
    }

    @Test
    void unexpectedError_exits1_withAMessage() {
        CommandLine cl = Launcher.commandLine(Map.of(), options -> {
            throw new IllegalStateException("boom");
        });
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, cl.execute("lab"));
        assertTrue(err.toString().startsWith("helixrouter lab: failed: java.lang.IllegalStateException: boom"), err.toString());
    }
}
