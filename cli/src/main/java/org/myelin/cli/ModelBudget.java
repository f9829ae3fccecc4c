package org.myelin.cli;

import java.util.function.Supplier;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.EngineRuntime;

/**
 * Builds a model within a memory budget, so a spec of billions of weights fails in one line that
 * says how much it needs, before the heap runs out. Training needs about four times the weights
 * (the weights, their gradients and two optimizer moments), so building may take a quarter of the
 * heap that is free.
 */
final class ModelBudget {
    private ModelBudget() {}

    static <T> T build(String what, Supplier<T> build) {
        return build(what, freeHeap() / 4, build);
    }

    /**
     * @param what   the model, for the messages
     * @param budget the most its tensors may take, in bytes
     * @param build  builds it
     * @return the model
     */
    private static <T> T build(String what, long budget, Supplier<T> build) {
        Activity.set("building " + what);
        long free = freeHeap();
        try (var limit = EngineRuntime.get().limitAllocations(budget, bytes -> new InvalidArgumentException(
                what + " needs more than " + mb(bytes) + " MB for its weights alone, and training about four times "
                        + "that, but a model may take at most " + mb(budget) + " MB (a quarter of the " + mb(free)
                        + " MB the Java heap has free); give more heap (MYELIN_JAVA_OPTS=-Xmx" + heapToAsk(bytes, free)
                        + "g, or more) or make the model smaller"))) {
            return build.get();
        }
    }

    /** Gigabytes of heap for which a quarter of what would be free holds the weights known so far. */
    private static long heapToAsk(long bytes, long free) {
        long used = Runtime.getRuntime().maxMemory() - free;
        double needed = 4.0 * bytes + used;
        return Math.max(1, (long) Math.ceil(needed / (1L << 30)));
    }

    static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    static long mb(long bytes) {
        return bytes / (1 << 20);
    }
}
