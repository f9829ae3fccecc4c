package org.myelin.autograd;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.DeviceMismatchException;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.Attrs;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.BackendReport;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.InPlaceOperator;
import org.myelin.api.spi.KernelProvider;
import org.myelin.api.Operator;
import org.myelin.api.spi.TensorEngine;

/**
 * The tensor engine: creates tensors, dispatches each operator to the backend of its inputs'
 * device, and records a graph node when grad mode is on and an input requires a gradient.
 */
public final class MyelinEngine implements TensorEngine {
    /** PyTorch's default seed, so an unseeded run is still repeatable. */
    private static final long DEFAULT_SEED = 67280421310721L;

    /** The registries and the generator are per JVM; every instance is a view of them. */
    private static final class State {
        private static volatile BackendRegistry backends = BackendRegistry.load();
        private static volatile OperatorRegistry operators = OperatorRegistry.load();
        private static long seed = DEFAULT_SEED;
        private static final AtomicLong DRAWS = new AtomicLong();
    }

    private static final MyelinEngine INSTANCE = new MyelinEngine();

    /** Made by ServiceLoader (on the module path and on the class path alike); all instances share one state. */
    public MyelinEngine() {
        // State is static: a JVM has one set of registries and one random stream.
    }

    static MyelinEngine instance() {
        return INSTANCE;
    }

    BackendRegistry backendRegistry() {
        return State.backends;
    }

    OperatorRegistry operatorRegistry() {
        return State.operators;
    }

    @Override
    public void addPlugins(ModuleLayer layer) {
        // Load everything first, so a provider that fails leaves the registries untouched.
        List<Operator> ops = PluginServices.definedIn(layer, Operator.class);
        List<KernelProvider> kernels = PluginServices.definedIn(layer, KernelProvider.class);
        List<Backend> backends = PluginServices.definedIn(layer, Backend.class);
        synchronized (State.class) {
            ops.forEach(State.operators::register);
            State.operators.addKernels(kernels);
            if (!backends.isEmpty()) {
                State.backends = State.backends.with(backends);
            }
        }
    }

    // ---------------------------------------------------------------- factories

    @Override
    public Tensor full(DType dtype, Shape shape, double value, Device device) {
        Backend b = backendRegistry().forDevice(device);
        EngineTensor t = EngineTensor.allocate(b, dtype, shape, device);
        if (value != 0.0 && shape.numel() > 0) {
            b.kernels().fill(t.strided(), value);
        }
        return t;
    }

    @Override
    public Tensor rand(DType dtype, Shape shape) {
        return random(dtype, shape, false);
    }

    @Override
    public Tensor randn(DType dtype, Shape shape) {
        return random(dtype, shape, true);
    }

    private Tensor random(DType dtype, Shape shape, boolean normal) {
        if (!dtype.isFloatingPoint()) {
            throw new InvalidArgumentException("random values need a floating type, got " + dtype);
        }
        Backend b = backendRegistry().forDevice(Device.CPU);
        EngineTensor t = EngineTensor.allocate(b, dtype, shape, Device.CPU);
        long[] draw = reserveRandom(shape.numel());
        if (normal) {
            b.kernels().randomNormal(t.strided(), draw[0], draw[1], 0, 1);
        } else {
            b.kernels().randomUniform(t.strided(), draw[0], draw[1], 0, 1);
        }
        return t;
    }

    @Override
    public Tensor arange(DType dtype, double start, double end, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new InvalidArgumentException("arange: step must be non-zero, got " + step);
        }
        long n = Math.max(0, (long) Math.ceil((end - start) / step));
        Backend b = backendRegistry().forDevice(Device.CPU);
        EngineTensor t = EngineTensor.allocate(b, dtype, Shape.of(n), Device.CPU);
        if (n > 0) {
            b.kernels().arange(t.strided(), start, step);
        }
        return t;
    }

    private static void checkLength(String factory, int length, Shape shape) {
        if (length != shape.numel()) {
            throw new org.myelin.api.ShapeMismatchException(factory + ": " + length + " values cannot fill shape " + shape
                    + " (" + shape.numel() + " elements); give as many values as the shape holds");
        }
    }

    private Tensor upload(HeapBuffer copy, Shape shape) {
        Backend b = backendRegistry().forDevice(Device.CPU);
        org.myelin.api.spi.Buffer buf = switch (copy.dtype()) {
            case FLOAT32 -> b.upload(copy.floats(), Device.CPU);
            case FLOAT64 -> b.upload(copy.doubles(), Device.CPU);
            case INT64 -> b.upload(copy.longs(), Device.CPU);
        };
        return new EngineTensor(new Storage(buf, Device.CPU), 0, shape, Layouts.rowMajor(shape.toArray()));
    }

    @Override
    public Tensor of(float[] data, Shape shape) {
        checkLength("Tensor.of", data.length, shape);
        return upload(HeapBuffer.wrap(data.clone()), shape);
    }

    @Override
    public Tensor of(double[] data, Shape shape) {
        checkLength("Tensor.of", data.length, shape);
        return upload(HeapBuffer.wrap(data.clone()), shape);
    }

    @Override
    public Tensor of(long[] data, Shape shape) {
        checkLength("Tensor.of", data.length, shape);
        return upload(HeapBuffer.wrap(data.clone()), shape);
    }

    @Override
    public Tensor wrap(float[] data, Shape shape) {
        checkLength("Tensor.wrap", data.length, shape);
        return upload(HeapBuffer.wrap(data), shape);
    }

    @Override
    public Tensor wrap(double[] data, Shape shape) {
        checkLength("Tensor.wrap", data.length, shape);
        return upload(HeapBuffer.wrap(data), shape);
    }

    @Override
    public Tensor wrap(long[] data, Shape shape) {
        checkLength("Tensor.wrap", data.length, shape);
        return upload(HeapBuffer.wrap(data), shape);
    }

    @Override
    public void manualSeed(long newSeed) {
        synchronized (State.class) {
            State.seed = newSeed;
            State.DRAWS.set(0);
        }
    }

    @Override
    public long[] reserveRandom(long count) {
        synchronized (State.class) {
            return new long[] {State.seed, State.DRAWS.getAndAdd(count)};
        }
    }

    // ---------------------------------------------------------------- dispatch

    @Override
    public Tensor apply(String name, Attrs attrs, Tensor... inputs) {
        return apply(operatorRegistry().get(name), attrs, inputs);
    }

    @Override
    public void register(Operator operator) {
        operatorRegistry().register(operator);
    }

    @Override
    public Tensor apply(Operator op, Attrs attrs, Tensor... inputs) {
        String name = op.name();
        if (inputs.length == 0) {
            throw new InvalidArgumentException("operator '" + name + "' was called with no input tensors");
        }
        EngineTensor[] in = new EngineTensor[inputs.length];
        boolean anyRequiresGrad = false;
        for (int i = 0; i < inputs.length; i++) {
            in[i] = EngineTensor.of(inputs[i]);
            anyRequiresGrad |= in[i].requiresGrad();
        }
        Device device = in[0].device();
        for (int i = 1; i < in.length; i++) {
            checkSameDevice(name, in[0], in[i]);
        }
        ExecutionContext ctx = new ExecutionContext(name, attrs, device, backendRegistry().forDevice(device), in);
        boolean gradOn = GradMode.isEnabled();
        if (op instanceof InPlaceOperator inPlace) {
            return applyInPlace(inPlace, ctx, inputs, in, gradOn);
        }
        boolean record = anyRequiresGrad && gradOn;
        Tensor out;
        if (gradOn) {
            try (var g = GradMode.noGrad()) {
                out = op.forward(ctx, inputs);
            }
        } else {
            // Already off (backward, optimizers, inference): no guard to allocate.
            out = op.forward(ctx, inputs);
        }
        if (!record) {
            return out;
        }
        EngineTensor result = EngineTensor.of(out);
        if (result.isLeaf() && !result.requiresGrad() && result.dtype.isFloatingPoint() && !isInputAlias(result, in)) {
            result.markRecorded(new Node(op, ctx, in));
            return result;
        }
        // The forward returned an input or another recorded tensor: record on a fresh view so the graph stays a DAG.
        EngineTensor fresh = result.view(result.offset, result.shape, result.strides);
        if (fresh.dtype.isFloatingPoint()) {
            fresh.markRecorded(new Node(op, ctx, in));
        }
        return fresh;
    }

    /** Runs an operator that changes inputs in place: never recorded; bumps each changed input's version. */
    private static Tensor applyInPlace(InPlaceOperator op, ExecutionContext ctx, Tensor[] inputs, EngineTensor[] in,
                                       boolean gradOn) {
        int[] mutated = op.mutatedInputs();
        for (int i : mutated) {
            if (i < in.length && gradOn && in[i].requiresGrad()) {
                throw new org.myelin.api.AutogradException(op.name() + " changes input " + i + " (shape " + in[i].shape
                        + ") in place, and it requires grad while grad mode is on; run it inside "
                        + "try (var g = GradMode.noGrad()) { ... }");
            }
        }
        Tensor out;
        try {
            if (gradOn) {
                try (var g = GradMode.noGrad()) {
                    out = op.forward(ctx, inputs);
                }
            } else {
                out = op.forward(ctx, inputs);
            }
        } finally {
            for (int i : mutated) {
                if (i < in.length) {
                    in[i].storage.bumpVersion();
                }
            }
        }
        return out;
    }

    private static boolean isInputAlias(EngineTensor out, EngineTensor[] in) {
        for (EngineTensor t : in) {
            if (t == out) {
                return true;
            }
        }
        return false;
    }

    static void checkSameDevice(String op, EngineTensor a, EngineTensor b) {
        if (!a.device().equals(b.device())) {
            throw new DeviceMismatchException(op + ": inputs are on different devices, " + a.device() + " (shape "
                    + a.shape + ") and " + b.device() + " (shape " + b.shape + "); move one with .to(Device."
                    + (a.device().type().equals("cpu") ? "cpu()" : "cuda(" + a.device().index() + ")") + ") first");
        }
    }

    @Override
    public Set<String> operators() {
        return operatorRegistry().names();
    }

    @Override
    public List<BackendReport> backends() {
        return backendRegistry().report();
    }

    @Override
    public Backend selectBackend(String name) {
        return backendRegistry().select(name);
    }

    @Override
    public Backend backendFor(String deviceType) {
        return backendRegistry().forType(deviceType);
    }
}
