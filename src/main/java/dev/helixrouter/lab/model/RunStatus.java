package dev.helixrouter.lab.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Where the current run stands, as the toolbar shows it: its {@link RunState}, which commands
 * make sense now, its progress and elapsed time. Written by {@link LabViewModel}, read-only to
 * the views.
 */
public final class RunStatus {
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper(this, "elapsed", "0:00.0");
    private final ReadOnlyStringWrapper runInfo = new ReadOnlyStringWrapper(this, "runInfo", "");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper(this, "canPause");
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper canReset = new ReadOnlyBooleanWrapper(this, "canReset");
    private final ReadOnlyBooleanWrapper settingsEditable = new ReadOnlyBooleanWrapper(this, "settingsEditable");
    private final ReadOnlyStringWrapper pauseLabel = new ReadOnlyStringWrapper(this, "pauseLabel", "Pause");
    private boolean closed;

    RunStatus() {
        update();
    }

    void set(RunState s) {
        state.set(s);
        update();
    }

    void close() {
        closed = true;
        update();
    }

    void progress(double fraction, String text) {
        progress.set(fraction);
        progressText.set(text);
    }

    void elapsed(String text) {
        elapsed.set(text);
    }

    void runInfo(String text) {
        runInfo.set(text);
    }

    /** The state now. */
    public RunState state() {
        return state.get();
    }

    private void update() {
        RunState st = state.get();
        boolean ok = !closed;
        canStart.set(ok && (st == RunState.IDLE || st == RunState.FINISHED || st == RunState.FAILED));
        canPause.set(ok && (st == RunState.RUNNING || st == RunState.PAUSED));
        canStop.set(ok && (st == RunState.RUNNING || st == RunState.PAUSED || st == RunState.PREPARING));
        canReset.set(ok && st != RunState.IDLE);
        settingsEditable.set(ok && !st.isActive() && st != RunState.PREPARING);
        pauseLabel.set(st == RunState.PAUSED ? "Resume" : "Pause");
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Share of the planned jobs that have ended, 0–1; negative while unknown (preparing). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** Run time, paused time excluded. */
    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    /** One line on the run: scenario, seed, load, λ*, snapshot, config version. */
    public ReadOnlyStringProperty runInfoProperty() {
        return runInfo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPauseProperty() {
        return canPause.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResetProperty() {
        return canReset.getReadOnlyProperty();
    }

    /** Whether scenario, time mode, seed and load may change (not while a run is on). */
    public ReadOnlyBooleanProperty settingsEditableProperty() {
        return settingsEditable.getReadOnlyProperty();
    }

    /** "Pause" or "Resume". */
    public ReadOnlyStringProperty pauseLabelProperty() {
        return pauseLabel.getReadOnlyProperty();
    }
}
