package org.myelin.autograd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.myelin.api.spi.EngineRuntime;

/**
 * The allocation caps threads set with {@link EngineRuntime#limitAllocations}. Every storage
 * asks before it allocates; a count of open caps keeps the common case (none) to one read.
 */
final class AllocationLimits {
    private final ThreadLocal<Limit> current = new ThreadLocal<>();
    private final AtomicInteger open = new AtomicInteger();

    private final class Limit implements EngineRuntime.AllocationLimit {
        final long bytes;
        final LongFunction<? extends RuntimeException> whenExceeded;
        final Limit outer;
        long allocated;
        boolean closed;

        Limit(long bytes, LongFunction<? extends RuntimeException> whenExceeded, Limit outer) {
            this.bytes = bytes;
            this.whenExceeded = whenExceeded;
            this.outer = outer;
        }

        @Override
        public long allocated() {
            return allocated;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                current.set(outer);
                open.decrementAndGet();
            }
        }
    }

    EngineRuntime.AllocationLimit open(long bytes, LongFunction<? extends RuntimeException> whenExceeded) {
        Limit limit = new Limit(bytes, whenExceeded, current.get());
        current.set(limit);
        open.incrementAndGet();
        return limit;
    }

    /** Counts {@code bytes} against this thread's caps, innermost first, and throws before any is exceeded. */
    void charge(long bytes) {
        if (open.get() == 0) {
            return;
        }
        for (Limit l = current.get(); l != null; l = l.outer) {
            long total = l.allocated + bytes;
            if (total > l.bytes || total < 0) {
                throw l.whenExceeded.apply(total);
            }
        }
        for (Limit l = current.get(); l != null; l = l.outer) {
            l.allocated += bytes;
        }
    }
}
