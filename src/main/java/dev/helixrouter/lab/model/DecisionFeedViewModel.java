package dev.helixrouter.lab.model;

import dev.helixrouter.engine.DecidedBy;
import dev.helixrouter.engine.DecisionEvent;
import dev.helixrouter.engine.DecisionFeed;
import dev.helixrouter.engine.Strategy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The decision feed's view model: polls a {@link DecisionFeed.Subscription} on each refresh tick
 * (about 10 Hz), keeps the most recent {@value #KEPT} decisions, and shows the newest
 * {@value #SHOWN} that pass the filters (strategy, kind, who decided), newest first.
 *
 * <p>The router never waits for this reader: under heavy load the feed's ring laps it, and the
 * decisions it missed are counted in {@link #lostProperty()}. {@link #frozenProperty() Freezing}
 * holds the table still for reading while the count goes on.
 */
public final class DecisionFeedViewModel {
    /** Decisions kept for filtering. */
    public static final int KEPT = 4096;
    /** Rows shown at most. */
    public static final int SHOWN = 500;
    /** The filter value meaning "any". */
    public static final String ANY = "any";

    private final ArrayDeque<DecisionEvent> kept = new ArrayDeque<>(KEPT);
    private final ObservableList<DecisionEvent> rows = FXCollections.observableArrayList();
    private final ObservableList<DecisionEvent> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> kinds = FXCollections.observableArrayList(ANY);
    private final ObjectProperty<Strategy> strategyFilter = new SimpleObjectProperty<>(this, "strategyFilter");
    private final StringProperty kindFilter = new SimpleStringProperty(this, "kindFilter", ANY);
    private final ObjectProperty<DecidedBy> decidedByFilter = new SimpleObjectProperty<>(this, "decidedByFilter");
    private final BooleanProperty frozen = new SimpleBooleanProperty(this, "frozen");
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private final ReadOnlyLongWrapper seen = new ReadOnlyLongWrapper(this, "seen");
    private final ReadOnlyLongWrapper lost = new ReadOnlyLongWrapper(this, "lost");
    private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper(this, "rate");
    private DecisionFeed.Subscription subscription;
    private long originNanos;
    private long rateCount;
    private long rateSinceNanos = -1;

    /** A feed with nothing attached. */
    public DecisionFeedViewModel() {
        strategyFilter.addListener((o, a, b) -> refilter());
        kindFilter.addListener((o, a, b) -> refilter());
        decidedByFilter.addListener((o, a, b) -> refilter());
        frozen.addListener((o, a, b) -> {
            if (!b) {
                refilter();
            }
        });
        shown.addListener((o, a, b) -> {
            if (b) {
                refilter();
            }
        });
    }

    /**
     * Follows {@code feed} from the oldest decision it still holds; forgets the previous feed's
     * rows. {@code originNanos} is the router clock's reading at its start, so that
     * {@link #seconds} gives run time.
     */
    public void attach(DecisionFeed feed, long originNanos) {
        clear();
        this.originNanos = originNanos;
        subscription = feed.subscribeFromOldest();
    }

    /** When {@code e} was decided, in seconds since the router started. */
    public double seconds(DecisionEvent e) {
        return (e.timeNanos() - originNanos) / 1e9;
    }

    /** Stops following and empties the table. */
    public void clear() {
        subscription = null;
        kept.clear();
        rows.clear();
        kinds.setAll(ANY);
        seen.set(0);
        lost.set(0);
        rate.set(0);
        rateCount = 0;
        rateSinceNanos = -1;
    }

    /** Reads what the feed published since the last poll; {@code nowNanos} times the rate. */
    public void poll(long nowNanos) {
        if (subscription == null) {
            return;
        }
        int n = subscription.poll(Integer.MAX_VALUE, this::keep);
        seen.set(seen.get() + n);
        lost.set(subscription.lost());
        rateCount += n;
        if (rateSinceNanos < 0) {
            rateSinceNanos = nowNanos;
        } else if (nowNanos - rateSinceNanos >= 1_000_000_000L) {
            rate.set(rateCount * 1e9 / (nowNanos - rateSinceNanos));
            rateCount = 0;
            rateSinceNanos = nowNanos;
        }
        if (n > 0 && !frozen.get() && shown.get()) {
            refilter();
        }
    }

    private void keep(DecisionEvent e) {
        if (kept.size() == KEPT) {
            kept.removeFirst();
        }
        kept.addLast(e);
        if (!kinds.contains(e.kind())) {
            TreeSet<String> sorted = new TreeSet<>(kinds.subList(1, kinds.size()));
            sorted.add(e.kind());
            List<String> next = new ArrayList<>();
            next.add(ANY);
            next.addAll(sorted);
            kinds.setAll(next);
        }
    }

    private void refilter() {
        Strategy s = strategyFilter.get();
        String k = kindFilter.get();
        DecidedBy by = decidedByFilter.get();
        List<DecisionEvent> out = new ArrayList<>(SHOWN);
        for (Iterator<DecisionEvent> it = kept.descendingIterator(); it.hasNext() && out.size() < SHOWN; ) {
            DecisionEvent e = it.next();
            if ((s == null || e.strategy() == s) && (k == null || ANY.equals(k) || k.equals(e.kind()))
                    && (by == null || e.decidedBy() == by)) {
                out.add(e);
            }
        }
        rows.setAll(out);
    }

    /** The rows shown, newest first. */
    public ObservableList<DecisionEvent> rows() {
        return rowsView;
    }

    /** {@link #ANY}, then every kind seen, by name (for the kind filter). */
    public ObservableList<String> kinds() {
        return kinds;
    }

    /** Only decisions for this strategy; null for any. */
    public ObjectProperty<Strategy> strategyFilterProperty() {
        return strategyFilter;
    }

    /** Only decisions for jobs of this kind; {@link #ANY} for any. */
    public StringProperty kindFilterProperty() {
        return kindFilter;
    }

    /** Only decisions made by this party; null for any. */
    public ObjectProperty<DecidedBy> decidedByFilterProperty() {
        return decidedByFilter;
    }

    /**
     * Whether the table is on screen. While it is not, decisions are still read, kept and
     * counted, but the rows are not rebuilt (the FX thread has better things to do).
     */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** While true the table stands still (decisions are still counted and kept). */
    public BooleanProperty frozenProperty() {
        return frozen;
    }

    /** Decisions read since the run began. */
    public ReadOnlyLongProperty seenProperty() {
        return seen.getReadOnlyProperty();
    }

    /** Decisions the feed's ring overwrote before this reader got to them. */
    public ReadOnlyLongProperty lostProperty() {
        return lost.getReadOnlyProperty();
    }

    /** Decisions per second, over the last second or so. */
    public ReadOnlyDoubleProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }
}
