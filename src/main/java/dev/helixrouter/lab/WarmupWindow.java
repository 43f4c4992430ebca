package dev.helixrouter.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The lab's warm-up window: loads {@code /fxml/warmup.fxml} with {@code /styles/lab.css}, wires
 * it to a {@link WarmupViewModel}, and ties the router's life to the window's: the run starts
 * when the window opens and its router is closed when the window is hidden.
 */
public final class WarmupWindow {
    /** Default size: the lab must read well at 1280x800. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    static final String FXML = "/fxml/warmup.fxml";
    static final String CSS = "/styles/lab.css";

    private final Stage stage;
    private final WarmupViewModel viewModel;

    private WarmupWindow(Stage stage, WarmupViewModel viewModel) {
        this.stage = stage;
        this.viewModel = viewModel;
    }

    /**
     * Shows the warm-up of {@code options} in {@code stage} and starts it. Call on the FX thread.
     * When {@code options.exitAfter()} is set, the window closes itself after that time.
     */
    public static WarmupWindow open(Stage stage, LabOptions options) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(options, "options");
        WarmupViewModel vm = new WarmupViewModel(WarmupRun.warmupConfig(), options.jobs(), options.seed());
        FXMLLoader loader = new FXMLLoader(resource(FXML));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + FXML, e);
        }
        WarmupController controller = loader.getController();
        controller.bind(vm);

        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(resource(CSS).toExternalForm());
        stage.setTitle("HelixRouter Lab \u2014 warm-up");
        stage.setMinWidth(1024);
        stage.setMinHeight(680);
        stage.setScene(scene);
        // The router lives exactly as long as the window: hidden (closed by the user, by
        // --exit-after or by the platform exiting) means its threads are stopped.
        stage.setOnHidden(e -> vm.close());

        WarmupWindow window = new WarmupWindow(stage, vm);
        vm.start();
        stage.show();
        options.exitAfter().ifPresent(d -> {
            PauseTransition timer = new PauseTransition(Duration.millis(d.toNanos() / 1e6));
            timer.setOnFinished(e -> stage.hide());
            timer.play();
        });
        return window;
    }

    private static URL resource(String path) {
        URL url = WarmupWindow.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("resource " + path + " is missing from the class path");
        }
        return url;
    }

    /** The view model (tests read it; the view only binds to it). */
    public WarmupViewModel viewModel() {
        return viewModel;
    }

    /** The window's stage. */
    public Stage stage() {
        return stage;
    }

    /** Closes the window, and with it the router. Call on the FX thread. */
    public void close() {
        stage.hide();
        viewModel.close(); // already done by onHidden if the stage was showing; idempotent
    }
}
