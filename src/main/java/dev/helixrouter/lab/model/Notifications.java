package dev.helixrouter.lab.model;

import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The one message the lab shows in its banner: the latest error, warning or piece of news. */
public final class Notifications {

    /** How serious a notice is. */
    public enum Level {
        /** Something done, e.g. a file saved. */
        INFO,
        /** Something the user should know, nothing lost. */
        WARNING,
        /** Something refused or failed; nothing was changed. */
        ERROR
    }

    /**
     * A message.
     *
     * @param level  how serious
     * @param title  one line, e.g. "Cannot use the preset broken.json"
     * @param detail the specifics, may span lines (every problem, each naming its field)
     */
    public record Notice(Level level, String title, String detail) {
        /** Checks for nulls. */
        public Notice {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final ReadOnlyObjectWrapper<Notice> current = new ReadOnlyObjectWrapper<>(this, "current");

    /** The notice on show, or null. */
    public ReadOnlyObjectProperty<Notice> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The notice on show, or null. */
    public Notice current() {
        return current.get();
    }

    /** Shows news. */
    public void info(String title, String detail) {
        current.set(new Notice(Level.INFO, title, detail));
    }

    /** Shows a warning. */
    public void warning(String title, String detail) {
        current.set(new Notice(Level.WARNING, title, detail));
    }

    /** Shows an error. */
    public void error(String title, String detail) {
        current.set(new Notice(Level.ERROR, title, detail));
    }

    /** Hides the notice. */
    public void dismiss() {
        current.set(null);
    }
}
