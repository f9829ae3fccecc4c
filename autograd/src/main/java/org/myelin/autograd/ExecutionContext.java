package org.myelin.autograd;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.myelin.api.AutogradException;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.OpSchema;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.Attrs;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.KernelContext;
import org.myelin.api.spi.Strided;

/** The engine's {@link KernelContext}: one per operator call, kept by the graph node until backward frees it. */
final class ExecutionContext implements KernelContext {
    private final MyelinEngine engine;
    private final String operator;
    /** What messages call the operator: its name, or the method users know it by. */
    private final String title;
    private final Attrs attrs;
    private final Device device;
    private final Backend backend;
    private final Shape[] inputShapes;
    private final DType[] inputTypes;
    private final boolean[] needsGrad;
    private EngineTensor[] saved;
    private long[] savedVersions;
    private Map<String, Object> values;
    private boolean released;
    private boolean[] wanted;
    /** Where in a model it ran, for anomaly mode's messages; null outside that mode. */
    private String where;

    ExecutionContext(MyelinEngine engine, OpSchema schema, Attrs attrs, Device device, Backend backend,
                     EngineTensor[] inputs) {
        this.engine = engine;
        this.operator = schema.name();
        this.title = schema.title();
        this.attrs = attrs;
        this.device = device;
        this.backend = backend;
        int n = inputs.length;
        this.inputShapes = new Shape[n];
        this.inputTypes = new DType[n];
        this.needsGrad = new boolean[n];
        for (int i = 0; i < n; i++) {
            inputShapes[i] = inputs[i].shape;
            inputTypes[i] = inputs[i].dtype;
            needsGrad[i] = inputs[i].requiresGrad();
        }
    }

    @Override
    public String operator() {
        return operator;
    }

    @Override
    public Attrs attrs() {
        return attrs;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public <K> Optional<K> kernel(Class<K> type) {
        Object k = engine.operatorRegistry().kernel(operator, backend.name(), backend.deviceType());
        return type.isInstance(k) ? Optional.of(type.cast(k)) : Optional.empty();
    }

    @Override
    public Tensor allocate(DType dtype, Shape shape) {
        return EngineTensor.allocate(engine, backend, dtype, shape, device);
    }

    @Override
    public Tensor view(Tensor base, long offset, Shape shape, long[] strides) {
        return EngineTensor.of(base).view(offset, shape, strides);
    }

    @Override
    public Tensor transfer(Tensor tensor, Device target) {
        EngineTensor src = EngineTensor.of(tensor.contiguous());
        Backend to = engine.backendRegistry().forDevice(target);
        // One read, in the tensor's own type (a CPU INT64 tensor is copied without passing through double).
        org.myelin.api.spi.Buffer buf = switch (src.dtype) {
            case FLOAT32 -> to.upload(src.toFloatArray(), target);
            case FLOAT64 -> to.upload(src.toDoubleArray(), target);
            case INT64 -> to.upload(src.toLongArray(), target);
        };
        return new EngineTensor(new Storage(engine, buf, target), 0, src.shape, org.myelin.api.spi.Strided.rowMajorStrides(src.shape.toArray()));
    }

    @Override
    public Strided strided(Tensor tensor) {
        return EngineTensor.of(tensor).strided();
    }

    @Override
    public Strided strided(Tensor tensor, Shape target) {
        Strided s = EngineTensor.of(tensor).strided();
        return tensor.shape().equals(target) ? s : s.broadcastTo(title, target.toArray());
    }

    @Override
    public void saveForBackward(Tensor... tensors) {
        saved = new EngineTensor[tensors.length];
        savedVersions = new long[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i] != null) {
                saved[i] = EngineTensor.of(tensors[i]);
                savedVersions[i] = saved[i].version();
            }
        }
    }

    @Override
    public Tensor saved(int index) {
        if (released) {
            throw new AutogradException(operator + ": saved tensors were freed by an earlier backward; "
                    + "pass retainGraph=true to keep them");
        }
        if (saved == null || index < 0 || index >= saved.length) {
            throw new InvalidArgumentException(operator + ": no saved tensor at position " + index);
        }
        EngineTensor t = saved[index];
        if (t != null && t.version() != savedVersions[index]) {
            throw new AutogradException(operator + ": a tensor of shape " + t.shape + " that " + operator
                    + " saved for backward was changed in place afterwards (version " + t.version() + ", saved at version "
                    + savedVersions[index] + "), so its gradient would be wrong. Change a copy() instead, or make the "
                    + "change before the operation or after backward");
        }
        return t;
    }

    @Override
    public Shape inputShape(int index) {
        return inputShapes[index];
    }

    @Override
    public DType inputDType(int index) {
        return inputTypes[index];
    }

    @Override
    public boolean needsInputGrad(int index) {
        return needsGrad[index] && (wanted == null || wanted[index]);
    }

    /**
     * Narrows {@link #needsInputGrad} for one backward call to the inputs whose gradients lead where
     * {@code Autograd.grad} was asked to go; null widens it again.
     */
    void placeIn(String module) {
        where = module;
    }

    String where() {
        return where;
    }

    void restrictGradients(boolean[] inputs) {
        wanted = inputs;
    }

    @Override
    public int inputCount() {
        return inputShapes.length;
    }

    @Override
    public void put(String key, Object value) {
        if (values == null) {
            values = new HashMap<>(4);
        }
        values.put(key, value);
    }

    @Override
    public Object get(String key) {
        return values == null ? null : values.get(key);
    }

    void release() {
        released = true;
        saved = null;
        values = null;
    }
}
