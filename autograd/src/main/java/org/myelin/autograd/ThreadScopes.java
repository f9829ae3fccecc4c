package org.myelin.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.BackendScope;

/**
 * The backends that threads chose for themselves with {@code useBackend}, innermost last. Every
 * operation asks for its backend, so a count of open scopes lets the common case (none) skip the
 * thread-local lookup.
 */
final class ThreadScopes {
    private final ThreadLocal<List<Backend>> stack = ThreadLocal.withInitial(ArrayList::new);
    private final AtomicInteger open = new AtomicInteger();

    boolean active() {
        return open.get() > 0;
    }

    /** @return this thread's innermost choice for the device type, or null */
    Backend current(String deviceType) {
        List<Backend> mine = stack.get();
        for (int i = mine.size() - 1; i >= 0; i--) {
            if (mine.get(i).deviceType().equals(deviceType)) {
                return mine.get(i);
            }
        }
        return null;
    }

    BackendScope open(Backend backend) {
        List<Backend> mine = stack.get();
        mine.add(backend);
        open.incrementAndGet();
        return new BackendScope() {
            private boolean closed;

            @Override
            public Backend backend() {
                return backend;
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                // Scopes close in reverse order in try-with-resources; remove this one wherever it sits.
                mine.remove(mine.lastIndexOf(backend));
                open.decrementAndGet();
            }
        };
    }
}
