package dev.helixrouter.lab.view;

import dev.helixrouter.lab.model.LabViewModel;
import dev.helixrouter.lab.model.Notifications;
import dev.helixrouter.lab.model.TaskRunner;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The window's root view ({@code /fxml/lab.fxml}): hosts the toolbar, the notification banner,
 * the tabs and the tuning panel, and hands each included view its part of the
 * {@link LabViewModel}. Views talk to view models only; nothing here reads the engine.
 */
public final class LabController {
    private static final Duration INFO_SHOWN = Duration.seconds(8);

    @FXML private BorderPane root;
    @FXML private HBox banner;
    @FXML private Label bannerIcon;
    @FXML private Label bannerTitle;
    @FXML private Label bannerDetail;
    @FXML private Button bannerClose;
    @FXML private SplitPane split;
    @FXML private TabPane tabs;
    @FXML private Tab overviewTab;
    @FXML private Tab latencyTab;
    @FXML private Tab decisionsTab;
    @FXML private Tab learnedTab;
    @FXML private Tab autoscalerTab;
    @FXML private Label runInfo;
    @FXML private Label feedInfo;
    @FXML private ToolbarController toolbarController;
    @FXML private TuningController tuningController;
    @FXML private OverviewController overviewController;
    @FXML private StrategiesController strategiesController;
    @FXML private DecisionsController decisionsController;
    @FXML private LearnedPolicyController learnedController;
    @FXML private AutoscalerController autoscalerController;

    private LabViewModel vm;
    private TaskRunner tasks;
    private final PauseTransition infoTimer = new PauseTransition(INFO_SHOWN);

    /** Connects every view; call once, on the FX thread, after loading. */
    public void bind(LabViewModel viewModel, TaskRunner taskRunner) {
        this.vm = viewModel;
        this.tasks = taskRunner;
        toolbarController.bind(vm, this::exportPng);
        tuningController.bind(vm);
        overviewController.bind(vm);
        strategiesController.bind(vm);
        decisionsController.bind(vm);
        learnedController.bind(vm);
        autoscalerController.bind(vm);
        SplitPane.setResizableWithParent(split.getItems().get(1), false);
        split.setDividerPositions(0.71);
        runInfo.textProperty().bind(vm.status().runInfoProperty());
        vm.decisions().shownProperty().bind(decisionsTab.selectedProperty());
        feedInfo.setText("refresh " + LabViewModel.REFRESH_HZ + " Hz from the published snapshot");
        tabTip(overviewTab, "Counters, where the jobs go, pressure, the CPU lane, and rates and latencies over time.");
        tabTip(latencyTab, "Latency per strategy and per job kind since the run began, and drops by reason.");
        tabTip(decisionsTab, "The newest routing decisions with the rule that fired and its numbers.");
        tabTip(learnedTab, "The learned policy's weights, reward, exploration and agreement with the heuristic.");
        tabTip(autoscalerTab, "Forecast vs observed arrivals and the autoscaler's recommendation.");
        vm.notifications().currentProperty().addListener((o, a, n) -> showNotice(n));
        showNotice(vm.notifications().current());
        infoTimer.setOnFinished(e -> {
            Notifications.Notice n = vm.notifications().current();
            if (n != null && n.level() == Notifications.Level.INFO) {
                vm.notifications().dismiss();
            }
        });
    }

    private static void tabTip(Tab tab, String text) {
        tab.setTooltip(Tips.tip(text));
    }

    private void showNotice(Notifications.Notice n) {
        boolean show = n != null;
        banner.setVisible(show);
        banner.setManaged(show);
        for (Notifications.Level l : Notifications.Level.values()) {
            banner.pseudoClassStateChanged(PseudoClass.getPseudoClass(l.name().toLowerCase(Locale.ROOT)),
                    show && n.level() == l);
        }
        if (!show) {
            infoTimer.stop();
            return;
        }
        bannerIcon.setText(switch (n.level()) {
            case INFO -> "\u2713";
            case WARNING -> "!";
            case ERROR -> "\u2715";
        });
        bannerTitle.setText(n.title());
        bannerDetail.setText(n.detail());
        bannerDetail.setVisible(!n.detail().isEmpty());
        bannerDetail.setManaged(bannerDetail.isVisible());
        if (n.level() == Notifications.Level.INFO) {
            infoTimer.playFromStart();
        } else {
            infoTimer.stop();
        }
    }

    @FXML
    private void onDismiss() {
        vm.notifications().dismiss();
    }

    /** Shows the tab named {@code name}: overview, latency, decisions, learned or autoscaler. */
    public void selectTab(String name) {
        Map<String, Tab> byName = Map.of("overview", overviewTab, "latency", latencyTab, "decisions", decisionsTab,
                "learned", learnedTab, "autoscaler", autoscalerTab);
        Tab t = byName.get(name);
        if (t != null) {
            tabs.getSelectionModel().select(t);
        }
    }

    /**
     * Writes a picture of the whole window to {@code file}: taken on the FX thread, encoded on a
     * background thread; the banner reports the outcome. The future completes with the file.
     */
    public CompletableFuture<Path> exportPng(Path file) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        BufferedImage image = PngWriter.capture(root);
        tasks.execute("write-png", () -> {
            try {
                PngWriter.write(image, file);
                Platform.runLater(() -> vm.notifications().info("Saved a picture of the dashboard", file.toString()));
                done.complete(file);
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> vm.notifications().error("Cannot write the picture", file + ": " + e));
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
