package dev.helixrouter.lab.view;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks for the name and description of a preset to save. */
final class PresetDialog {
    /** What the user typed. */
    record Result(String name, String description) {}

    private PresetDialog() {}

    static Optional<Result> ask(Window owner, String suggestedName, String description) {
        Dialog<Result> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Save as preset");
        d.setHeaderText("Save this scenario, with the tuned config and the seed, as your own preset.");
        TextField name = new TextField(suggestedName);
        name.setId("preset-name");
        TextField desc = new TextField(description);
        desc.setId("preset-description");
        desc.setPrefColumnCount(40);
        GridPane grid = new GridPane(10, 8);
        grid.setPadding(new Insets(12, 12, 4, 12));
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Description"), desc);
        Label hint = new Label("Letters, digits, '-', '_' and '.'; saved as <name>.json in ~/.helixrouter/presets.");
        hint.getStyleClass().add("muted-text");
        grid.add(hint, 1, 2);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        d.setResultConverter(b -> b == ButtonType.OK ? new Result(name.getText(), desc.getText()) : null);
        return d.showAndWait();
    }
}
