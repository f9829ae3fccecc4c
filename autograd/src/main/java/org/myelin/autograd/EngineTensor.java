package org.myelin.autograd;

import java.util.Arrays;
import org.myelin.api.AutogradException;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.Device;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Strided;

/**
 * The engine's tensor: a strided view of a {@link Storage}, plus the autograd links — whether it
 * requires a gradient, the node that created it, and its accumulated gradient.
 */
final class EngineTensor implements Tensor {
    final Storage storage;
    final long offset;
    final Shape shape;
    final long[] strides;
    final DType dtype;
    private volatile boolean requiresGrad;
    private volatile Tensor grad;
    volatile Node gradFn;
    private volatile boolean retainsGrad;

    EngineTensor(Storage storage, long offset, Shape shape, long[] strides) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.dtype = storage.buffer.dtype();
    }

    static EngineTensor allocate(MyelinEngine engine, Backend backend, DType dtype, Shape shape, Device device) {
        Storage s = Storage.allocate(engine, backend, dtype, shape.numel(), device);
        return new EngineTensor(s, 0, shape, org.myelin.api.spi.Strided.rowMajorStrides(shape.toArray()));
    }

    static EngineTensor of(Tensor t) {
        if (t instanceof EngineTensor e) {
            return e;
        }
        if (t == null) {
            throw new InvalidArgumentException("a tensor argument was null");
        }
        throw new InvalidArgumentException("tensor of class " + t.getClass().getName()
                + " was not made by the Myelin engine; make tensors with Tensor's factories");
    }

    /** A view sharing this tensor's storage (and version counter), outside the graph. */
    EngineTensor view(long newOffset, Shape newShape, long[] newStrides) {
        return new EngineTensor(storage, newOffset, newShape, newStrides);
    }

    /** Made once per tensor: a view's buffer, offset, sizes and strides never change, and kernels must not write the arrays. */
    private Strided stridedView;

    Strided strided() {
        Strided s = stridedView;
        if (s == null) {
            s = new Strided(storage.buffer, offset, shape.toArray(), strides);
            stridedView = s;
        }
        return s;
    }

    Backend backend() {
        return storage.engine.backendRegistry().forDevice(storage.device);
    }

    @Override
    public MyelinEngine engine() {
        return storage.engine;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public Device device() {
        return storage.device;
    }

    @Override
    public boolean isContiguous() {
        return strided().isContiguous();
    }

    // ---------------------------------------------------------------- autograd state

    @Override
    public Tensor requiresGrad(boolean value) {
        if (value && !dtype.isFloatingPoint()) {
            throw new DTypeException("requiresGrad(true) needs a floating-point tensor, but this one is " + dtype
                    + " (shape " + shape + "); convert it first with to(DType.FLOAT32)");
        }
        if (!value && gradFn != null) {
            throw new AutogradException("requiresGrad(false) can only be set on a leaf tensor; this one was made by "
                    + gradFn.name() + ". Use detach() to get a tensor outside the graph");
        }
        this.requiresGrad = value;
        return this;
    }

    @Override
    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    void markRecorded(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    @Override
    public Tensor grad() {
        return grad;
    }

    @Override
    public void setGrad(Tensor g) {
        if (g != null && !g.shape().equals(shape)) {
            throw new InvalidArgumentException("setGrad: gradient shape " + g.shape() + " differs from tensor shape " + shape);
        }
        this.grad = g;
    }

    /** Leaves with hooks in this JVM: while none has any, backward skips counting their edges. */
    static final java.util.concurrent.atomic.AtomicInteger HOOKED = new java.util.concurrent.atomic.AtomicInteger();

    /** One registration, so a handle removes exactly its own even when a hook is registered twice. */
    private record Registration(java.util.function.Consumer<Tensor> hook) {}

    private volatile java.util.List<Registration> hooks;

    /** Backs {@link Tensor#registerPostAccumulateGradHook}, through the engine. */
    HookHandle addPostAccumulateGradHook(java.util.function.Consumer<Tensor> hook) {
        java.util.Objects.requireNonNull(hook, "hook");
        if (gradFn != null || !requiresGrad) {
            throw new AutogradException("registerPostAccumulateGradHook: only a leaf that requires grad accumulates a "
                    + "gradient, and this tensor (shape " + shape + ") " + (gradFn != null ? "was made by "
                    + gradFn.name() + "; register it on the leaves it came from" : "does not require grad; call "
                    + "requiresGrad(true) first"));
        }
        Registration r = new Registration(hook);
        synchronized (this) {
            java.util.List<Registration> next = hooks == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(hooks);
            if (next.isEmpty()) {
                HOOKED.incrementAndGet();
            }
            next.add(r);
            hooks = java.util.List.copyOf(next);
        }
        return () -> {
            synchronized (this) {
                if (hooks == null || !hooks.contains(r)) {
                    return;
                }
                java.util.List<Registration> next = new java.util.ArrayList<>(hooks);
                next.removeIf(x -> x == r);
                hooks = next.isEmpty() ? null : java.util.List.copyOf(next);
                if (hooks == null) {
                    HOOKED.decrementAndGet();
                }
            }
        };
    }

    boolean hasPostAccumulateHooks() {
        return hooks != null;
    }

    void runPostAccumulateHooks() {
        java.util.List<Registration> h = hooks;
        if (h != null) {
            for (Registration r : h) {
                r.hook().accept(this);
            }
        }
    }

    @Override
    public Tensor retainGrad() {
        if (gradFn != null) {
            retainsGrad = true;
            gradFn.retainOutput(this);
        }
        return this;
    }

    boolean retainsGrad() {
        return retainsGrad;
    }

    /**
     * Adds a gradient arriving from backward. The first one is copied, so no two tensors share a grad
     * buffer, unless {@code owned}: then nothing else can reach its memory (backward made it just now
     * and hands it to this tensor only) and it is adopted as it is, as PyTorch's AccumulateGrad steals a
     * gradient nobody else holds. Under {@code createGraph} grad mode is on here, so the copy and the
     * sum are recorded and the gradient can be differentiated again.
     */
    synchronized void accumulateGrad(Tensor incoming, boolean owned) {
        Tensor converted = incoming.dtype() == dtype ? incoming : incoming.to(dtype);
        if (grad == null) {
            grad = owned && converted == incoming && converted.shape().equals(shape) ? incoming : converted.copy();
        } else {
            grad = grad.add(converted);
        }
    }

    @Override
    public boolean isLeaf() {
        return gradFn == null;
    }

    @Override
    public String gradFn() {
        Node n = gradFn;
        return n == null ? null : n.name();
    }

    @Override
    public Tensor detach() {
        return view(offset, shape, strides);
    }

    @Override
    public long version() {
        return storage.version();
    }

    // ---------------------------------------------------------------- reading

    double[] readDoubles() {
        EngineTensor c;
        try (var g = GradMode.noGrad()) {
            c = EngineTensor.of(contiguous());
        }
        int n = Math.toIntExact(shape.numel());
        if (n == 0) {
            return new double[0];
        }
        return c.backend().download(c.storage.buffer, c.offset, n);
    }

    @Override
    public double[] toDoubleArray() {
        return readDoubles();
    }

    @Override
    public long[] toLongArray() {
        if (dtype == DType.INT64 && storage.buffer instanceof org.myelin.api.spi.HeapBuffer h && isContiguous()) {
            return Arrays.copyOfRange(h.longs(), (int) offset, (int) (offset + shape.numel()));
        }
        double[] d = readDoubles();
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = (long) d[i];
        }
        return l;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        if (shape.numel() <= 20) {
            sb.append(Arrays.toString(toDoubleArray()));
        } else {
            sb.append("...");
        }
        sb.append(", shape=").append(shape).append(", dtype=").append(dtype);
        if (!storage.device.equals(Device.CPU)) {
            sb.append(", device=").append(storage.device);
        }
        if (gradFn != null) {
            sb.append(", gradFn=").append(gradFn.name());
        } else if (requiresGrad) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }
}
