package org.myelin.ops.gpu.jcuda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Early release of device memory: every buffer this thread allocates while the scope is open is
 * freed when it closes, without waiting for the garbage collector. Scopes nest; a buffer belongs to
 * the innermost. Tensors made inside must not be used after the scope closes.
 *
 * <pre>{@code
 * try (CudaScope scope = CudaScope.open()) {
 *     ... GPU work whose temporaries die here ...
 * }
 * }</pre>
 */
public final class CudaScope implements AutoCloseable {
    private static final ThreadLocal<Deque<CudaScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<CudaBuffer> owned = new ArrayList<>();
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private CudaScope() {}

    /** @return a new scope, innermost on this thread */
    public static CudaScope open() {
        CudaScope s = new CudaScope();
        OPEN.get().push(s);
        return s;
    }

    /** Called by the allocator: the innermost open scope of this thread, if any, takes the buffer. */
    static void adopt(CudaBuffer buffer) {
        CudaScope innermost = OPEN.get().peek();
        if (innermost != null) {
            innermost.owned.add(buffer);
        }
    }

    /** @return how many buffers the scope will free */
    public int size() {
        return owned.size();
    }

    /** Frees every buffer allocated in the scope (and still live). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a CudaScope must be closed by the thread that opened it");
        }
        closed = true;
        OPEN.get().remove(this);
        for (CudaBuffer b : owned) {
            b.release();
        }
        owned.clear();
    }
}
