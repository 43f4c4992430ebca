package dev.helixrouter.lab;

import dev.helixrouter.lab.model.LabViewModel;
import dev.helixrouter.lab.view.FrameProbe;
import dev.helixrouter.lab.view.FxDebouncer;
import dev.helixrouter.lab.view.FxTaskRunner;
import dev.helixrouter.lab.view.LabController;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's window: loads {@code /fxml/lab.fxml} with {@code /styles/lab.css}, builds the
 * {@link LabViewModel} on the given {@link LabServices}, refreshes it from a {@link Timeline} at
 * {@value LabViewModel#REFRESH_HZ} Hz on the FX thread, and ties the run's router to the window:
 * hiding the window closes it.
 */
public final class LabWindow {
    private static final Logger LOG = LoggerFactory.getLogger(LabWindow.class);
    /** Default size: the lab must read well at 1280x800. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    static final String FXML = "/fxml/lab.fxml";
    static final String CSS = "/styles/lab.css";
    /** How often {@code --stats} appends a line while the window is open. */
    private static final Duration STATS_EVERY = Duration.seconds(30);

    private final Stage stage;
    private final LabViewModel viewModel;
    private final LabController controller;
    private final FxTaskRunner tasks;
    private final Timeline ticker;
    private FrameProbe probe;
    private Timeline statsTimer;
    private boolean closed;

    private LabWindow(Stage stage, LabViewModel viewModel, LabController controller, FxTaskRunner tasks) {
        this.stage = stage;
        this.viewModel = viewModel;
        this.controller = controller;
        this.tasks = tasks;
        this.ticker = new Timeline(new KeyFrame(Duration.millis(1000.0 / LabViewModel.REFRESH_HZ),
                e -> viewModel.tick(System.nanoTime())));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    /** Opens the lab in {@code stage} as {@code options} say. Call on the FX thread. */
    public static LabWindow open(Stage stage, LabOptions options, LabServices services) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(services, "services");
        FxTaskRunner tasks = new FxTaskRunner();
        LabViewModel vm = new LabViewModel(services.catalog(), services.factories(), tasks, new FxDebouncer(),
                services.cores());
        options.jobs().ifPresent(n -> vm.settings().setJobsOverride(java.util.OptionalLong.of(n)));
        vm.selectScenario(options.scenarioName());
        options.seed().ifPresent(s -> vm.settings().seedTextProperty().set(Long.toString(s)));
        options.load().ifPresent(x -> vm.settings().loadProperty().set(x));
        vm.settings().loopProperty().set(options.loop());

        FXMLLoader loader = new FXMLLoader(resource(FXML));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + FXML, e);
        }
        LabController controller = loader.getController();
        controller.bind(vm, tasks);
        options.tab().ifPresent(controller::selectTab);

        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(resource(CSS).toExternalForm());
        stage.setTitle("HelixRouter Lab");
        stage.setMinWidth(1024);
        stage.setMinHeight(680);
        stage.setScene(scene);
        LabWindow window = new LabWindow(stage, vm, controller, tasks);
        // The router lives exactly as long as the window: hidden (closed by the user, by
        // --exit-after or by the platform exiting) means its threads are stopped.
        stage.setOnHidden(e -> window.close());
        window.ticker.play();
        stage.show();
        options.statsFile().ifPresent(window::startProbe);
        if (options.start()) {
            Platform.runLater(vm::start);
        }
        options.exitAfter().ifPresent(d -> {
            PauseTransition timer = new PauseTransition(Duration.millis(d.toNanos() / 1e6));
            timer.setOnFinished(e -> stage.hide());
            timer.play();
        });
        return window;
    }

    private static URL resource(String path) {
        URL url = LabWindow.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("resource " + path + " is missing from the class path");
        }
        return url;
    }

    private void startProbe(Path file) {
        probe = new FrameProbe(() -> viewModel.refreshCounts()[1]);
        probe.start();
        long t0 = System.nanoTime();
        appendStats(file, "{\"event\": \"start\", \"scenario\": \"" + viewModel.scenario().map(s -> s.name())
                .orElse("?") + "\"}");
        statsTimer = new Timeline(new KeyFrame(STATS_EVERY, e -> appendStats(file, String.format(Locale.ROOT,
                "{\"event\": \"sample\", \"t_secs\": %.0f, \"old_gen_after_last_gc_mib\": %.1f, "
                        + "\"heap_used_mib\": %.1f, \"refresh_ticks\": %d, \"probe\": %s}", (System.nanoTime() - t0) / 1e9,
                oldGenAfterLastGcMiB(), heapUsedMiB(), viewModel.refreshCounts()[0], probe.summary()))));
        statsTimer.setCycleCount(Animation.INDEFINITE);
        statsTimer.play();
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
            statsTimer.stop();
            probe.stop();
            String summary = probe.summary();
            double heap = FrameProbe.heapAfterGcMiB();
            appendStats(file, String.format(Locale.ROOT, "{\"event\": \"end\", \"t_secs\": %.0f, "
                    + "\"heap_after_full_gc_mib\": %.1f, \"refresh_ticks\": %d, \"probe\": %s}",
                    (System.nanoTime() - t0) / 1e9, heap, viewModel.refreshCounts()[0], summary));
        });
    }

    private static double heapUsedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** Usage of the old generation right after the last GC (no GC forced, so no pause added). */
    private static double oldGenAfterLastGcMiB() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old") && pool.getCollectionUsage() != null) {
                return pool.getCollectionUsage().getUsed() / (1024.0 * 1024.0);
            }
        }
        return Double.NaN;
    }

    private static void appendStats(Path file, String line) {
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot write stats to {}: {}", file, e.toString());
        }
    }

    /** The view model (tests read it; the views only bind to it). */
    public LabViewModel viewModel() {
        return viewModel;
    }

    /** The root view's controller (tests: tabs, PNG export). */
    public LabController controller() {
        return controller;
    }

    /** The window's stage. */
    public Stage stage() {
        return stage;
    }

    /** Closes the window, and with it the run's router. Call on the FX thread. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stage.isShowing()) {
            stage.hide(); // fires onHidden, which calls close() again: a no-op now
        }
        ticker.stop();
        viewModel.close();
        tasks.close();
    }
}
