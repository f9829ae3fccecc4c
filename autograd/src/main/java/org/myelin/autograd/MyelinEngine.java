package org.myelin.autograd;

import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.myelin.api.Attrs;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.Device;
import org.myelin.api.DeviceMismatchException;
import org.myelin.api.Generator;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.OpSchema;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.TensorEngine;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.BackendReport;
import org.myelin.api.spi.BackendScope;
import org.myelin.api.spi.EngineRuntime;
import org.myelin.api.spi.HeapBuffer;

/**
 * The tensor engine: creates tensors, dispatches each operator to the backend of its inputs'
 * device, and records a graph node when grad mode is on and an input requires a gradient. Its
 * registries and random generator belong to the instance; {@link TensorEngine#get()} holds the
 * one the factories use, and every tensor keeps a link to the engine that made it.
 */
public final class MyelinEngine implements TensorEngine, EngineRuntime {
    /** PyTorch's default seed, so an unseeded run is still repeatable. */
    private static final long DEFAULT_SEED = 67280421310721L;

    private volatile BackendRegistry backends = BackendRegistry.load();
    private final OperatorRegistry operators = OperatorRegistry.load();
    private final ThreadLocal<Generator> generators = ThreadLocal.withInitial(() -> new Generator(DEFAULT_SEED));
    private final AllocationLimits limits = new AllocationLimits();

    /** Made by ServiceLoader (on the module path and on the class path alike), or by a test that wants its own. */
    public MyelinEngine() {
        // The registries load in the field initialisers.
    }

    BackendRegistry backendRegistry() {
        return backends;
    }

    OperatorRegistry operatorRegistry() {
        return operators;
    }

    AllocationLimits allocationLimits() {
        return limits;
    }

    // ---------------------------------------------------------------- EngineRuntime

    @Override
    public void addPlugins(ModuleLayer layer) {
        // Load everything first, so a provider that fails leaves the registries untouched.
        List<Operator> ops = PluginServices.operatorsIn(layer);
        var kernels = PluginServices.definedIn(layer, org.myelin.api.spi.KernelProvider.class);
        List<Backend> found = PluginServices.definedIn(layer, Backend.class);
        synchronized (this) {
            ops.forEach(operators::register);
            operators.addKernels(kernels);
            if (!found.isEmpty()) {
                backends = backends.with(found);
            }
        }
    }

    @Override
    public List<BackendReport> backends() {
        return backends.report();
    }

    @Override
    public Backend selectBackend(String name) {
        return backends.select(name);
    }

    @Override
    public BackendScope useBackend(String name) {
        return backends.use(name);
    }

    @Override
    public FusedKernelsOff withoutFusedKernels() {
        return operators.withoutFusedKernels();
    }

    @Override
    public Backend backendFor(String deviceType) {
        return backends.forType(deviceType);
    }

    @Override
    public AllocationLimit limitAllocations(long bytes, LongFunction<? extends RuntimeException> whenExceeded) {
        return limits.open(bytes, whenExceeded);
    }

    // ---------------------------------------------------------------- factories

    @Override
    public Tensor full(DType dtype, Shape shape, double value, Device device) {
        Backend b = backends.forDevice(device);
        EngineTensor t = EngineTensor.allocate(this, b, dtype, shape, device);
        if (value != 0.0 && shape.numel() > 0) {
            b.kernels().fill(t.strided(), value);
        }
        return t;
    }

    @Override
    public Tensor rand(DType dtype, Shape shape) {
        return randomTensor(dtype, shape, false, generators.get());
    }

    @Override
    public Tensor randn(DType dtype, Shape shape) {
        return randomTensor(dtype, shape, true, generators.get());
    }

    @Override
    public Tensor rand(DType dtype, Shape shape, Generator generator) {
        return randomTensor(dtype, shape, false, generator);
    }

    @Override
    public Tensor randn(DType dtype, Shape shape, Generator generator) {
        return randomTensor(dtype, shape, true, generator);
    }

    @Override
    public Generator defaultGenerator() {
        return generators.get();
    }

    private Tensor randomTensor(DType dtype, Shape shape, boolean normal, Generator generator) {
        if (!dtype.isFloatingPoint()) {
            throw new InvalidArgumentException("random values need a floating type, got " + dtype);
        }
        Backend b = backends.forDevice(Device.CPU);
        EngineTensor t = EngineTensor.allocate(this, b, dtype, shape, Device.CPU);
        long[] draw = generator.reserve(shape.numel());
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
        Backend b = backends.forDevice(Device.CPU);
        EngineTensor t = EngineTensor.allocate(this, b, dtype, Shape.of(n), Device.CPU);
        if (n > 0) {
            b.kernels().arange(t.strided(), start, step);
        }
        return t;
    }

    private static void checkLength(String factory, int length, Shape shape) {
        if (length != shape.numel()) {
            throw new ShapeMismatchException(factory + ": " + length + " values cannot fill shape " + shape
                    + " (" + shape.numel() + " elements); give as many values as the shape holds");
        }
    }

    /** A CPU tensor over host values: the backend decides whether its buffer shares the array. */
    EngineTensor upload(HeapBuffer values, Shape shape, Device device) {
        Backend b = backends.forDevice(device);
        org.myelin.api.spi.Buffer buf = switch (values.dtype()) {
            case FLOAT32 -> b.upload(values.floats(), device);
            case FLOAT64 -> b.upload(values.doubles(), device);
            case INT64 -> b.upload(values.longs(), device);
        };
        return new EngineTensor(new Storage(this, buf, device), 0, shape, org.myelin.api.spi.Strided.rowMajorStrides(shape.toArray()));
    }

    @Override
    public Tensor of(float[] data, Shape shape) {
        checkLength("Tensor.of", data.length, shape);
        return upload(HeapBuffer.wrap(data.clone()), shape, Device.CPU);
    }

    @Override
    public Tensor of(double[] data, Shape shape) {
        checkLength("Tensor.of", data.length, shape);
        return upload(HeapBuffer.wrap(data.clone()), shape, Device.CPU);
    }

    @Override
    public Tensor of(long[] data, Shape shape) {
        checkLength("Tensor.of", data.length, shape);
        return upload(HeapBuffer.wrap(data.clone()), shape, Device.CPU);
    }

    @Override
    public Tensor wrap(float[] data, Shape shape) {
        checkLength("Tensor.wrap", data.length, shape);
        return upload(HeapBuffer.wrap(data), shape, Device.CPU);
    }

    @Override
    public Tensor wrap(double[] data, Shape shape) {
        checkLength("Tensor.wrap", data.length, shape);
        return upload(HeapBuffer.wrap(data), shape, Device.CPU);
    }

    @Override
    public Tensor wrap(long[] data, Shape shape) {
        checkLength("Tensor.wrap", data.length, shape);
        return upload(HeapBuffer.wrap(data), shape, Device.CPU);
    }

    // ---------------------------------------------------------------- dispatch

    @Override
    public Tensor apply(Op op, Attrs attrs, Tensor... inputs) {
        OperatorRegistry.Registered r = operators.get(op);
        return apply(r.operator(), r.schema(), attrs, inputs);
    }

    @Override
    public Tensor apply(String name, Attrs attrs, Tensor... inputs) {
        OperatorRegistry.Registered r = operators.get(name);
        return apply(r.operator(), r.schema(), attrs, inputs);
    }

    @Override
    public void register(Operator operator) {
        operators.register(operator);
    }

    @Override
    public Operator operator(String name) {
        return operators.get(name).operator();
    }

    @Override
    public Set<String> operators() {
        return operators.names();
    }

    @Override
    public Tensor apply(Operator op, Attrs attrs, Tensor... given) {
        return apply(op, op.schema(), attrs, given);
    }

    private Tensor apply(Operator op, OpSchema schema, Attrs attrs, Tensor... given) {
        if (given.length == 0) {
            throw new InvalidArgumentException("operator '" + schema.title() + "' was called with no input tensors");
        }
        Attrs bound = schema.bind(given.length, attrs);
        EngineTensor[] in = new EngineTensor[given.length];
        for (int i = 0; i < given.length; i++) {
            in[i] = EngineTensor.of(given[i]);
        }
        for (int i = 1; i < in.length; i++) {
            checkSameDevice(schema.title(), in[0], in[i]);
        }
        Tensor[] inputs = promote(schema, given, in);
        boolean gradOn = GradMode.isEnabled();
        boolean anyRequiresGrad = false;
        for (EngineTensor t : in) {
            anyRequiresGrad |= t.requiresGrad();
        }
        Device device = in[0].device();
        ExecutionContext ctx = new ExecutionContext(this, schema, bound, device, backends.forDevice(device), in);
        if (schema.isInPlace()) {
            return applyInPlace(op, schema, ctx, inputs, in, gradOn);
        }
        Tensor out;
        if (gradOn) {
            try (var g = GradMode.noGrad()) {
                out = op.forward(ctx, inputs);
            }
        } else {
            // Already off (backward, optimizers, inference): no guard to allocate.
            out = op.forward(ctx, inputs);
        }
        if (Anomalies.checkForwards()) {
            ctx.placeIn(GradMode.currentModule());
            Anomalies.forward(schema.name(), in, out, ctx.where());
        }
        if (!(anyRequiresGrad && gradOn)) {
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

    /**
     * Converts the schema's floating inputs to their common floating type. The conversions run
     * before grad mode is turned off, so they are recorded and gradients return in each input's type.
     */
    private static Tensor[] promote(OpSchema schema, Tensor[] given, EngineTensor[] in) {
        int n = schema.floatingInputCount();
        DType common = null;
        boolean mixed = false;
        for (int k = 0; k < n; k++) {
            int p = schema.floatingInput(k);
            if (p < in.length) {
                DType d = in[p].dtype;
                mixed |= common != null && d != common;
                common = common == null ? d : DType.promote(common, d);
            }
        }
        if (common == null) {
            return given;
        }
        if (!common.isFloatingPoint() && schema.floatingRequired()) {
            throw floatingNeeded(schema, common);
        }
        if (!mixed) {
            return given;
        }
        Tensor[] converted = given.clone();
        for (int k = 0; k < n; k++) {
            int p = schema.floatingInput(k);
            if (p < in.length && in[p].dtype != common) {
                converted[p] = given[p].to(common);
                in[p] = EngineTensor.of(converted[p]);
            }
        }
        return converted;
    }

    private static DTypeException floatingNeeded(OpSchema schema, DType got) {
        return new DTypeException(schema.title() + " needs floating-point inputs, got " + got
                + "; convert with to(DType.FLOAT32)");
    }

    /** Runs an operator that changes inputs in place: never recorded; bumps each changed input's version. */
    private static Tensor applyInPlace(Operator op, OpSchema schema, ExecutionContext ctx, Tensor[] inputs,
                                       EngineTensor[] in, boolean gradOn) {
        int[] mutated = schema.mutatedInputs();
        for (int i : mutated) {
            if (i < in.length && gradOn && in[i].requiresGrad()) {
                throw new org.myelin.api.AutogradException(schema.title() + ": a tensor that requires grad (shape "
                        + in[i].shape + ") cannot be changed in place while grad mode is on, because the graph would "
                        + "lose the old values; do the update inside try (var g = GradMode.noGrad()) { ... } or use "
                        + "the out-of-place op");
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

    // ---------------------------------------------------------------- autograd

    @Override
    public Tensor.HookHandle registerPostAccumulateGradHook(Tensor leaf, java.util.function.Consumer<Tensor> hook) {
        return EngineTensor.of(leaf).addPostAccumulateGradHook(hook);
    }

    @Override
    public void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        BackwardPass.backward(EngineTensor.of(root), gradient, retainGraph, createGraph);
    }

    @Override
    public List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean retainGraph,
                             boolean createGraph, boolean allowUnused) {
        return BackwardPass.grad(outputs, inputs, gradOutputs, retainGraph, createGraph, allowUnused);
    }
}
