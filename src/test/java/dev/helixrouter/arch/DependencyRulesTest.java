package dev.helixrouter.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: the engine uses none of the other layers, and nothing below the
 * lab touches JavaFX. (STYLE.md: engine &lt;- adapt, workload &lt;- sim &lt;- lab, http, cli.)
 */
class DependencyRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.helixrouter");
    }

    @Test
    void engine_dependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("dev.helixrouter.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.helixrouter.adapt..", "dev.helixrouter.workload..", "dev.helixrouter.sim..",
                        "dev.helixrouter.http..", "dev.helixrouter.lab..", "dev.helixrouter.cli..")
                .check(classes);
    }

    @Test
    void engine_neverTouchesJavaFxOrAnHttpServer() {
        noClasses().that().resideInAPackage("dev.helixrouter.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.controlsfx..", "com.sun.net.httpserver..", "io.prometheus..")
                .check(classes);
    }

    @Test
    void nothingBelowTheLab_usesJavaFx() {
        noClasses().that().resideInAnyPackage("dev.helixrouter.engine..", "dev.helixrouter.adapt..",
                        "dev.helixrouter.workload..", "dev.helixrouter.sim..", "dev.helixrouter.http..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void adaptAndWorkload_doNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.helixrouter.adapt..", "dev.helixrouter.workload..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.helixrouter.sim..", "dev.helixrouter.http..", "dev.helixrouter.lab..",
                        "dev.helixrouter.cli..")
                .allowEmptyShould(true) // adapt arrives with the adaptive-layer issue
                .check(classes);
    }

    @Test
    void sim_doesNotReachUp() {
        noClasses().that().resideInAPackage("dev.helixrouter.sim..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.helixrouter.http..", "dev.helixrouter.lab..", "dev.helixrouter.cli..")
                .check(classes);
    }

    @Test
    void labViewModels_needNoToolkit_andKnowNoView() {
        // View models use JavaFX properties and collections only, so they are tested without a
        // toolkit; and they never reach into the views or the custom controls' drawing.
        noClasses().that().resideInAnyPackage("dev.helixrouter.lab.model..", "dev.helixrouter.lab.run..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.fxml..",
                        "javafx.concurrent..", "javafx.application..", "javafx.animation..", "javafx.stage..",
                        "dev.helixrouter.lab.view..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.helixrouter.lab.run..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.helixrouter.lab.model..")
                .check(classes);
    }

    @Test
    void labViews_talkToViewModels_notToTheEngine() {
        noClasses().that().resideInAPackage("dev.helixrouter.lab.view..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.helixrouter.engine.HelixRouter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.helixrouter.engine.config.ConfigStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.helixrouter.engine.DecisionFeed")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.helixrouter.lab.run.RunSession")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.helixrouter.lab.run.LiveRunFactory")
                .orShould().dependOnClassesThat().resideInAPackage("dev.helixrouter.workload.calibration..")
                .check(classes);
    }

    @Test
    void labThreads_areNeverVirtual() {
        // The lab's services must stay responsive while spawned jobs hold every carrier (SPEC §1).
        noClasses().that().resideInAPackage("dev.helixrouter.lab..")
                .should().callMethod(Thread.class, "ofVirtual")
                .orShould().callMethod(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor")
                .orShould().callMethod(Thread.class, "startVirtualThread", Runnable.class)
                .check(classes);
    }

    @Test
    void http_doesNotDependOnTheLab() {
        noClasses().that().resideInAPackage("dev.helixrouter.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.helixrouter.lab..")
                .check(classes);
    }

    @Test
    void http_dependsOnTheEngineOnly() {
        // The lab will start the same server around its own router: the server needs nothing but the engine.
        noClasses().that().resideInAPackage("dev.helixrouter.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.helixrouter.workload..",
                        "dev.helixrouter.sim..", "dev.helixrouter.adapt..", "dev.helixrouter.cli..")
                .check(classes);
    }
}
