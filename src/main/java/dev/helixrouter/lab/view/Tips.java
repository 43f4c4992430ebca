package dev.helixrouter.lab.view;

import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** Tooltips that teach: quick to show, long to stay, wrapped to a readable width. */
public final class Tips {
    private static final Duration SHOW_DELAY = Duration.millis(300);
    private static final Duration SHOW_DURATION = Duration.seconds(40);

    private Tips() {}

    /** A tooltip with {@code text}. */
    public static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(SHOW_DELAY);
        t.setShowDuration(SHOW_DURATION);
        t.setWrapText(true);
        t.setMaxWidth(480);
        return t;
    }

    /**
     * Installs {@code text} on {@code node}, which may be a holder around a control that can be
     * disabled (a disabled control shows no tooltip of its own).
     */
    public static Tooltip install(Node node, String text) {
        Tooltip t = tip(text);
        Tooltip.install(node, t);
        return t;
    }
}
