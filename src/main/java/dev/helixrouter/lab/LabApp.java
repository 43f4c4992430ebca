package dev.helixrouter.lab;

import java.io.PrintStream;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application behind {@code helixrouter lab}. Start it with
 * {@link #launchAndWait(LabOptions)} from a main class that does not extend
 * {@link Application} (see {@code dev.helixrouter.cli.Launcher}).
 */
public final class LabApp extends Application {
    /**
     * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'"
     * whenever it runs from the class path, which is how the fat jar and {@code exec:exec} run it
     * on purpose. The filter drops exactly that record; every other JavaFX warning (CSS errors,
     * …) still shows. Held in a field: JUL keeps loggers only weakly.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private LabWindow window;

    /** JavaFX needs a public no-argument constructor. */
    public LabApp() {}

    /**
     * Opens the lab and blocks until its last window is closed. Returns 0, or 1 with a message on
     * stderr if JavaFX could not start (typically: no display). Once per JVM (a JavaFX rule).
     */
    public static int launchAndWait(LabOptions options) {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        try {
            Application.launch(LabApp.class, options.toArgs().toArray(String[]::new));
            return 0;
        } catch (RuntimeException e) {
            report(System.err, e);
            return 1;
        }
    }

    static void report(PrintStream err, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        err.println("helixrouter lab: cannot open the lab window: " + root);
        String display = System.getenv("DISPLAY");
        if ((display == null || display.isBlank()) && System.getProperty("os.name", "").startsWith("Linux")) {
            err.println("  No DISPLAY is set. On a machine without a screen, run it under a virtual one:");
            err.println("  xvfb-run -a java -jar target/helixrouter.jar lab");
        }
        if (root != e) {
            e.printStackTrace(err);
        }
    }

    @Override
    public void start(Stage stage) {
        window = LabWindow.open(stage, LabOptions.fromNamed(getParameters().getNamed()), LabServices.standard());
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
