package org.myelin.api;

/**
 * Whether operations record a computation graph, per thread. Recording is on by default; turn it
 * off for evaluation and parameter updates with a try-with-resources block:
 *
 * <pre>{@code
 * try (var g = GradMode.noGrad()) {
 *     // no graph is recorded here
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    /** @return true when operations on this thread record a graph */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /**
     * Sets grad mode for this thread. Prefer {@link #noGrad()}, which restores the old value.
     *
     * @param enabled the new setting
     */
    public static void setEnabled(boolean enabled) {
        ENABLED.get()[0] = enabled;
    }

    /** @return a guard that turns recording off until it is closed */
    public static Guard noGrad() {
        return set(false);
    }

    /** @return a guard that turns recording on until it is closed */
    public static Guard enableGrad() {
        return set(true);
    }

    private static Guard set(boolean value) {
        boolean[] cell = ENABLED.get();
        Guard guard = new Guard(cell, cell[0]);
        cell[0] = value;
        return guard;
    }

    /** Restores the previous grad mode when closed. Closing twice does nothing more. */
    public static final class Guard implements AutoCloseable {
        private final boolean[] cell;
        private final boolean previous;
        private boolean closed;

        private Guard(boolean[] cell, boolean previous) {
            this.cell = cell;
            this.previous = previous;
        }

        /** Restores the grad mode that was in force when this guard was made. */
        @Override
        public void close() {
            if (!closed) {
                cell[0] = previous;
                closed = true;
            }
        }
    }
}
