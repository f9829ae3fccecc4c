package org.myelin.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.BackendScope;

/**
 * The backends that threads chose for themselves with {@code useBackend}, innermost last. Every
 * operation asks for its backend, so a count of open scopes lets the common case (none) skip the
 * thread-local lookup, and a thread that never opened one keeps no list.
 */
final class ThreadScopes {
    private final ThreadLocal<List<Backend>> stack = new ThreadLocal<>();
    private final AtomicInteger open = new AtomicInteger();

    boolean active() {
        return open.get() > 0;
    }

    /** @return this thread's innermost choice for the device type, or null */
    Backend current(String deviceType) {
        List<Backend> mine = stack.get();
        if (mine == null) {
            return null;
        }
        for (int i = mine.size() - 1; i >= 0; i--) {
            if (mine.get(i).deviceType().equals(deviceType)) {
                return mine.get(i);
            }
        }
        return null;
    }

    BackendScope open(Backend backend) {
        List<Backend> mine = stack.get();
        if (mine == null) {
            mine = new ArrayList<>(2);
            stack.set(mine);
        }
        mine.add(backend);
        open.incrementAndGet();
        Thread owner = Thread.currentThread();
        List<Backend> list = mine;
        return new BackendScope() {
            private boolean closed;

            @Override
            public Backend backend() {
                return backend;
            }

            @Override
            public void close() {
                if (Thread.currentThread() != owner) {
                    throw new InvalidArgumentException("a backend scope (" + backend.name() + ") must be closed by the "
                            + "thread that opened it (" + owner.getName() + "); use try-with-resources on that thread");
                }
                if (closed) {
                    return;
                }
                closed = true;
                // Scopes close in reverse order in try-with-resources; remove this one wherever it sits.
                list.remove(list.lastIndexOf(backend));
                if (list.isEmpty()) {
                    stack.remove();
                }
                open.decrementAndGet();
            }
        };
    }
}
