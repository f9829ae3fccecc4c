package org.myelin.api;

import java.util.ArrayDeque;

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
    private static final ThreadLocal<boolean[]> ANOMALY = ThreadLocal.withInitial(() -> new boolean[] {false});
    /** Where in a model the current operation runs, innermost module last; kept only in anomaly mode. */
    private static final ThreadLocal<ArrayDeque<String>> MODULES = ThreadLocal.withInitial(ArrayDeque::new);

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

    /**
     * Anomaly mode, as PyTorch's {@code detect_anomaly}: every operation's output, and every
     * gradient backward computes, is checked for NaN and infinity, and the first operator that
     * makes one throws an {@link AutogradException} naming it, its inputs' shapes and the module it
     * runs in. Slow; for finding where a training run breaks.
     *
     * <pre>{@code
     * try (var a = GradMode.detectAnomaly()) {
     *     loss.backward();
     * }
     * }</pre>
     *
     * @return a guard that turns anomaly detection on for this thread until it is closed
     */
    public static Guard detectAnomaly() {
        boolean[] cell = ANOMALY.get();
        Guard guard = new Guard(cell, cell[0]);
        cell[0] = true;
        return guard;
    }

    /** @return true when anomaly detection is on for this thread */
    public static boolean isAnomalyDetectionEnabled() {
        return ANOMALY.get()[0];
    }

    /**
     * Marks the operations that follow, until closed, as running inside a module, so anomaly mode
     * can say where an operator sits ({@code 2 (Linear)}). A no-op outside anomaly mode.
     *
     * @param name the module's name in its parent and its kind, such as {@code 2 (Linear)}
     * @return the guard to close
     */
    public static ModuleScope inModule(String name) {
        if (!isAnomalyDetectionEnabled()) {
            return NOTHING;
        }
        ArrayDeque<String> stack = MODULES.get();
        stack.addLast(name);
        return () -> {
            if (!stack.isEmpty()) {
                stack.removeLast();
            }
        };
    }

    private static final ModuleScope NOTHING = () -> { };

    /** Leaves the module {@link #inModule} entered. */
    @FunctionalInterface
    public interface ModuleScope extends AutoCloseable {
        /** Leaves the module. */
        @Override
        void close();
    }

    /** @return where in a model the current operation runs, such as {@code 1.0 (Linear)}; empty when unknown */
    public static String currentModule() {
        ArrayDeque<String> stack = MODULES.get();
        return stack.isEmpty() ? "" : String.join(" > ", stack);
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
