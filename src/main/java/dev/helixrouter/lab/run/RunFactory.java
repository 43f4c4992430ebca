package dev.helixrouter.lab.run;

import java.util.Optional;

/**
 * Makes runs of one {@link TimeMode}. The lab holds one factory per mode and asks the one the
 * user picked; a mode whose factory is {@linkplain #unavailableReason() unavailable} is shown
 * disabled, with the reason as its tooltip.
 *
 * <p>{@link #start} may block for seconds (calibrating the machine, planning hundreds of
 * thousands of arrivals): the lab calls it from a background platform thread, never the FX
 * thread, and reports {@link Preparation#progress} on its progress bar.
 */
public interface RunFactory {

    /** Hears how far the preparation of a run has got, and whether the user gave up on it. */
    interface Preparation {
        /** {@code fraction} of the preparation done, in [0, 1], with what is happening now. */
        void progress(double fraction, String message);

        /** Whether the user cancelled; a factory checks it between steps and gives up with {@link java.util.concurrent.CancellationException}. */
        boolean isCancelled();

        /** A preparation that reports nowhere and is never cancelled. */
        static Preparation none() {
            return new Preparation() {
                @Override
                public void progress(double fraction, String message) {}

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
        }
    }

    /** The time mode this factory runs. */
    TimeMode timeMode();

    /** Why this factory cannot run now (for a tooltip), or empty when it can. */
    Optional<String> unavailableReason();

    /**
     * Prepares the run of {@code spec} and starts it.
     *
     * @throws java.util.concurrent.CancellationException if {@code preparation} was cancelled
     * @throws IllegalArgumentException                  naming the value at fault, for a spec this factory cannot run
     * @throws UnsupportedOperationException             if {@link #unavailableReason()} is present
     */
    RunSession start(RunSpec spec, Preparation preparation);

    /** A factory for a mode this build cannot run yet: {@link #start} refuses with {@code reason}. */
    static RunFactory unavailable(TimeMode mode, String reason) {
        return new RunFactory() {
            @Override
            public TimeMode timeMode() {
                return mode;
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.of(reason);
            }

            @Override
            public RunSession start(RunSpec spec, Preparation preparation) {
                throw new UnsupportedOperationException(reason);
            }
        };
    }
}
