package org.myelin.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * The base of every layer and model, as PyTorch's {@code nn.Module}: it registers parameters and
 * child modules by name, so {@link #parameters()}, {@link #namedParameters()} and
 * {@link #stateDict()} find them in registration order, with PyTorch's dotted names
 * ({@code 0.weight}). A module's own parameters come before its children's, as in PyTorch.
 *
 * <p>Subclasses read their parameters back with {@link #parameter(String)} rather than keeping
 * their own field, because {@link #to(Device)} and {@link #to(DType)} replace the tensors.
 */
public abstract class Module implements Layer {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module with no parameters and no children, in training mode. */
    protected Module() {}

    /**
     * @param input the input batch
     * @return the output
     */
    @Override
    public abstract Tensor forward(Tensor input);

    /**
     * Registers a learnable tensor; it is made to require a gradient.
     *
     * @param name      its name, unique within this module
     * @param parameter the tensor, a floating-point leaf
     * @return the tensor, for field initialisers
     */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkName(name);
        parameters.put(name, parameter.requiresGrad(true));
        return parameter;
    }

    /**
     * Registers state that is not learned, such as BatchNorm's running statistics, as PyTorch's
     * {@code register_buffer}: it is in the state dict and moves with {@link #to(Device)}, but is
     * not in {@link #parameters()} and takes no gradient.
     *
     * @param name   its name, unique within this module
     * @param buffer the tensor
     * @return the tensor, for field initialisers
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName(name);
        if (buffer == null || buffer.requiresGrad()) {
            throw new InvalidArgumentException("registerBuffer('" + name + "'): a buffer must be a tensor that does not "
                    + "require grad; register learnable tensors with registerParameter");
        }
        buffers.put(name, buffer);
        return buffer;
    }

    /**
     * @param name the name a buffer was registered under in this module
     * @return the buffer's current tensor
     * @throws InvalidArgumentException when no buffer has that name
     */
    protected final Tensor buffer(String name) {
        Tensor b = buffers.get(name);
        if (b == null) {
            throw new InvalidArgumentException(getClass().getSimpleName() + " has no buffer '" + name + "'; it has "
                    + buffers.keySet());
        }
        return b;
    }

    /**
     * Registers a child module, whose parameters become this module's under {@code name.}.
     *
     * @param name  its name, unique within this module
     * @param child the child
     * @param <M>   its type
     * @return the child, for field initialisers
     */
    protected final <M extends Module> M register(String name, M child) {
        checkName(name);
        if (child == null) {
            throw new InvalidArgumentException("register('" + name + "', null): a child module must not be null");
        }
        children.put(name, child);
        return child;
    }

    /**
     * @param name the name a parameter was registered under in this module (not a dotted name)
     * @return the parameter's current tensor
     * @throws InvalidArgumentException when no parameter has that name
     */
    protected final Tensor parameter(String name) {
        Tensor p = parameters.get(name);
        if (p == null) {
            throw new InvalidArgumentException(getClass().getSimpleName() + " has no parameter '" + name
                    + "'; it has " + parameters.keySet());
        }
        return p;
    }

    /**
     * @param name the name a parameter may have been registered under in this module
     * @return the parameter's current tensor, or null when there is none (such as a bias left out)
     */
    protected final Tensor parameterOrNull(String name) {
        return parameters.get(name);
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new InvalidArgumentException("a parameter or module name must be non-empty and contain no '.', got '"
                    + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new InvalidArgumentException("the name '" + name + "' is already registered in "
                    + getClass().getSimpleName());
        }
    }

    /** @return every parameter of this module and its children, in registration order */
    @Override
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** @return every parameter by its dotted name, in registration order */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>(parameters);
        children.forEach((prefix, child) -> child.namedParameters().forEach((n, p) -> out.put(prefix + "." + n, p)));
        return out;
    }

    /** @return every buffer of this module and its children by its dotted name, in registration order */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>(buffers);
        children.forEach((prefix, child) -> child.namedBuffers().forEach((n, b) -> out.put(prefix + "." + n, b)));
        return out;
    }

    /** @return the number of learnable numbers in all parameters */
    public long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    /** @return the direct children by name, in registration order */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    // ---------------------------------------------------------------- state dict

    /**
     * The parameters and buffers by PyTorch's names ({@code 0.weight}, {@code 0.bias},
     * {@code 1.running_mean}, ...), in PyTorch's order (each module's parameters, then its buffers,
     * then its children), so weights can move between Myelin and PyTorch. The values are detached
     * views that share storage with the module's tensors: copy them before changing them.
     *
     * @return an ordered, unmodifiable map from dotted name to tensor
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        out.replaceAll((name, t) -> t.detach());
        return Collections.unmodifiableMap(out);
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, child) -> child.collectState(prefix + n + ".", out));
    }

    /**
     * Copies values into this module's parameters and buffers, in place, so optimizers that hold the
     * parameters keep working. The names and shapes must match exactly; when they do not, nothing
     * is copied and one exception lists every missing key, every unexpected key and every shape
     * mismatch. Values of another type or device are converted to the parameter's.
     *
     * @param stateDict tensors by dotted name, as {@link #stateDict()} returns them
     * @throws StateDictMismatchException when any name or shape does not match
     */
    public void loadStateDict(Map<String, Tensor> stateDict) {
        Map<String, Tensor> own = new LinkedHashMap<>();
        collectState("", own);
        StateDictMismatchException.check(getClass().getSimpleName(), own, stateDict);
        try (var g = GradMode.noGrad()) {
            own.forEach((name, p) -> p.copyFrom(stateDict.get(name).to(p.dtype()).to(p.device())));
        }
    }

    // ---------------------------------------------------------------- devices and types

    /**
     * Moves every parameter to a device. Parameters are replaced by new tensors when they move, so
     * create the optimizer after this call. Nothing changes when they are already there.
     *
     * @param device the target device
     * @return this module
     */
    public Module to(Device device) {
        replaceOwnParameters(p -> p.to(device));
        buffers.replaceAll((name, b) -> b.to(device));
        // Through the public method, so a child that cannot move (a wrapped plugin layer) can say so.
        children.values().forEach(c -> c.to(device));
        return this;
    }

    /**
     * Converts every parameter to a floating-point type, as PyTorch's {@code .double()}. As with
     * {@link #to(Device)}, create the optimizer after this call.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @return this module
     * @throws InvalidArgumentException for a non-floating type, which cannot hold a gradient
     */
    public Module to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new InvalidArgumentException(getClass().getSimpleName() + ".to(" + dtype
                    + "): parameters must stay floating-point to take gradients; use FLOAT32 or FLOAT64");
        }
        replaceOwnParameters(p -> p.to(dtype));
        // As PyTorch's .double(): counters such as num_batches_tracked keep their integer type.
        buffers.replaceAll((name, b) -> b.dtype().isFloatingPoint() ? b.to(dtype) : b);
        children.values().forEach(c -> c.to(dtype));
        return this;
    }

    private void replaceOwnParameters(UnaryOperator<Tensor> convert) {
        try (var g = GradMode.noGrad()) {
            parameters.replaceAll((name, p) -> {
                Tensor moved = convert.apply(p);
                // The same tensor back means it was already there: keep it, and its gradient.
                return moved == p ? p : moved.detach().requiresGrad(true);
            });
        }
    }

    /** Sets every parameter's gradient to null, so the next backward starts from nothing. */
    public void zeroGrad() {
        parameters().forEach(p -> p.setGrad(null));
    }

    // ---------------------------------------------------------------- training mode

    @Override
    public void setTraining(boolean value) {
        this.training = value;
        children.values().forEach(c -> c.setTraining(value));
    }

    /** Switches this module and its children to training behaviour. @return this */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Switches this module and its children to evaluation behaviour. @return this */
    public Module eval() {
        setTraining(false);
        return this;
    }

    /** @return true in training mode */
    public boolean isTraining() {
        return training;
    }

    // ---------------------------------------------------------------- printing

    /**
     * @return the settings shown between the parentheses when printed, such as
     *     {@code in_features=784, out_features=30, bias=true}; empty by default
     */
    protected String extraRepr() {
        return "";
    }

    /** @return PyTorch's layout: the class name, its settings, and each child indented on its own line */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(extraRepr());
        if (!children.isEmpty()) {
            sb.append('\n');
            children.forEach((name, child) -> sb.append("  (").append(name).append("): ")
                    .append(child.toString().replace("\n", "\n  ")).append('\n'));
        }
        return sb.append(')').toString();
    }
}
