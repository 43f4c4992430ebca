package dev.helixrouter.lab.model;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The latency tables' view model: one {@link StrategyRow} per strategy, one {@link KindRow} per
 * job kind, and the drops by reason, since the run began. Rows are replaced only when their
 * numbers change, so a table keeps its cells (and their tooltips) between refreshes.
 */
public final class StrategyTableViewModel {

    /** Drops for one reason. */
    public record DropCount(DropReason reason, long count) {
        /** The reason's wire name. */
        public String name() {
            return reason.wireName();
        }
    }

    private final ObservableList<StrategyRow> rows = FXCollections.observableArrayList();
    private final ObservableList<KindRow> kinds = FXCollections.observableArrayList();
    private final ObservableList<DropCount> drops = FXCollections.observableArrayList();
    private final ObservableList<StrategyRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<KindRow> kindsView = FXCollections.unmodifiableObservableList(kinds);
    private final ObservableList<DropCount> dropsView = FXCollections.unmodifiableObservableList(drops);

    /** Empty tables. */
    public StrategyTableViewModel() {
        clear();
    }

    /** Back to no data: every strategy and reason at zero, no kinds. */
    public void clear() {
        List<StrategyRow> empty = new ArrayList<>();
        for (Strategy s : Strategy.values()) {
            empty.add(new StrategyRow(s, 0, 0, 0, 0, 0, DisplayFormat.NONE, DisplayFormat.NONE, DisplayFormat.NONE,
                    DisplayFormat.NONE, DisplayFormat.NONE, DisplayFormat.NONE));
        }
        rows.setAll(empty);
        kinds.clear();
        List<DropCount> none = new ArrayList<>();
        for (DropReason r : DropReason.values()) {
            none.add(new DropCount(r, 0));
        }
        drops.setAll(none);
    }

    /** Shows a new snapshot. */
    public void show(RouterSnapshot s) {
        long routedTotal = 0;
        for (Strategy st : Strategy.values()) {
            routedTotal += s.strategy(st).routed();
        }
        List<StrategyRow> next = new ArrayList<>();
        for (Strategy st : Strategy.values()) {
            next.add(StrategyRow.of(s.strategy(st), routedTotal));
        }
        OverviewViewModel.replaceChanged(rows, next);
        OverviewViewModel.replaceChanged(kinds, s.kinds().values().stream().map(KindRow::of).toList());
        List<DropCount> d = new ArrayList<>();
        for (DropReason r : DropReason.values()) {
            d.add(new DropCount(r, s.droppedByReason().getOrDefault(r, 0L)));
        }
        OverviewViewModel.replaceChanged(drops, d);
    }

    /** One row per strategy, in {@link Strategy} order. */
    public ObservableList<StrategyRow> rows() {
        return rowsView;
    }

    /** One row per kind seen, by name. */
    public ObservableList<KindRow> kinds() {
        return kindsView;
    }

    /** Drops per reason, every reason present. */
    public ObservableList<DropCount> drops() {
        return dropsView;
    }
}
