package org.myelin.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * The base of every layer and model, as PyTorch's {@code nn.Module}: it registers parameters and
 * child modules by name, so {@link #parameters()} and {@link #namedParameters()} find them in
 * registration order, with PyTorch's dotted names ({@code 0.weight}).
 */
public abstract class Module implements Layer {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

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
     * @param parameter the tensor
     * @return the tensor, for field initialisers
     */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkName(name);
        parameters.put(name, parameter.requiresGrad(true));
        return parameter;
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
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new InvalidArgumentException("a parameter or module name must be non-empty and contain no '.', got '"
                    + name + "'");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
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

    /** @return the direct children by name */
    public Map<String, Module> children() {
        return Map.copyOf(children);
    }

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
}
