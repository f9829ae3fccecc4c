package org.myelin.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.api.DType;
import org.myelin.api.GradMode;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;

/**
 * What every optimizer here shares: the parameter list, the learning rate, clearing gradients, and a
 * step that visits each parameter with a gradient under no-grad. Subclasses supply the update rule.
 * Package-private so that the public surface stays the four optimizers.
 */
abstract class AbstractOptimizer implements Optimizer {
    private final String name;
    private final List<Tensor> parameters;
    private double learningRate;

    AbstractOptimizer(String name, List<Tensor> parameters, double learningRate) {
        this.name = name;
        this.parameters = Checks.parameters(name, parameters);
        this.learningRate = Checks.positiveLearningRate(name, learningRate);
    }

    /** @return the tensors this optimizer updates, in the order given, unmodifiable */
    public final List<Tensor> parameters() {
        return parameters;
    }

    /** Sets every parameter's gradient to null, so the next backward starts from nothing (PyTorch's set_to_none). */
    @Override
    public final void zeroGrad() {
        for (Tensor p : parameters) {
            p.setGrad(null);
        }
    }

    /** Updates each parameter that has a gradient; parameters whose gradient is null are left alone. */
    @Override
    public final void step() {
        checkSettings();
        // Updates must not be recorded: they would both grow a graph and be refused on tensors that require grad.
        try (var noGrad = GradMode.noGrad()) {
            for (int i = 0; i < parameters.size(); i++) {
                Tensor p = parameters.get(i);
                Tensor grad = p.grad();
                if (grad != null) {
                    update(i, p, grad);
                }
            }
        }
    }

    /** @return the learning rate the next step will use */
    @Override
    public final double learningRate() {
        return learningRate;
    }

    /**
     * @param learningRate the new rate; 0 or more and finite (0 is allowed because schedules such as cosine
     *                     annealing with etaMin 0 end there)
     */
    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = Checks.scheduledLearningRate(name, learningRate);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The learning rate and step counts are float64 and int64 scalars, so they come back exactly.
     */
    @Override
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put(LR_KEY, Tensor.of(new double[] {learningRate}));
        for (var buffers : buffers().entrySet()) {
            Tensor[] perParameter = buffers.getValue();
            for (int i = 0; i < perParameter.length; i++) {
                if (perParameter[i] != null) {
                    state.put("state." + i + "." + buffers.getKey(), perParameter[i].detach().copy());
                }
            }
        }
        long[] steps = steps();
        for (int i = 0; steps != null && i < steps.length; i++) {
            if (steps[i] != 0) {
                state.put("state." + i + ".step", Tensor.of(new long[] {steps[i]}));
            }
        }
        return state;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Everything is checked before anything changes, so a refused state leaves this optimizer as it was.
     */
    @Override
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor[]> buffers = buffers();
        long[] steps = steps();
        Tensor lr = state.get(LR_KEY);
        if (lr == null || lr.numel() != 1) {
            throw new org.myelin.api.InvalidArgumentException(name + ".loadStateDict: no " + LR_KEY
                    + "; give the map that " + name + ".stateDict() returned");
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (var entry : state.entrySet()) {
            String key = entry.getKey();
            if (key.equals(LR_KEY)) {
                continue;
            }
            String[] parts = key.split("\\.", 3);
            int index = parts.length == 3 && parts[0].equals("state") ? parseIndex(parts[1]) : -1;
            boolean known = parts.length == 3 && (buffers.containsKey(parts[2]) || (steps != null && parts[2].equals("step")));
            if (index < 0 || index >= parameters.size() || !known) {
                throw new org.myelin.api.InvalidArgumentException(name + ".loadStateDict: '" + key + "' is not part of the "
                        + "state of " + name + " over " + parameters.size() + " parameters (" + String.join(", ", buffers.keySet())
                        + (steps != null ? ", step" : "") + "); was it saved by another optimizer, or for another model?");
            }
            Tensor value = entry.getValue();
            boolean fits = parts[2].equals("step") ? value.numel() == 1
                    : value.shape().equals(parameters.get(index).shape());
            if (!fits) {
                throw new org.myelin.api.InvalidArgumentException(name + ".loadStateDict: '" + key + "' has shape " + value.shape()
                        + ", but parameter " + index + " has shape " + parameters.get(index).shape()
                        + "; the state was saved for another model");
            }
            seen.put(key, index);
        }
        learningRate = Checks.scheduledLearningRate(name, lr.item());
        for (Tensor[] perParameter : buffers.values()) {
            java.util.Arrays.fill(perParameter, null);
        }
        if (steps != null) {
            java.util.Arrays.fill(steps, 0);
        }
        for (var entry : seen.entrySet()) {
            String kind = entry.getKey().split("\\.", 3)[2];
            int index = entry.getValue();
            Tensor value = state.get(entry.getKey());
            if (kind.equals("step")) {
                steps[index] = value.toLongArray()[0];
            } else {
                Tensor p = parameters.get(index);
                buffers.get(kind)[index] = zerosLike(p).copyFrom(value.to(p.dtype()).to(p.device()));
            }
        }
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final String LR_KEY = "param_groups.0.lr";

    /** @return the per-parameter state arrays, by PyTorch's names; an entry stays null until the state is made */
    abstract Map<String, Tensor[]> buffers();

    /** @return the per-parameter step counts, or null for an optimizer that keeps none */
    long[] steps() {
        return null;
    }

    /** @return the optimizer's name for messages, such as {@code SGD} */
    final String name() {
        return name;
    }

    /** Checks settings that only make sense together (they can be set in any order), before each step. */
    void checkSettings() {}

    /**
     * Applies the rule to one parameter, in place; runs with grad mode off.
     *
     * @param index     the parameter's position, the key of its state
     * @param parameter the tensor to change
     * @param gradient  its gradient, never null; must not be changed, since the caller may still read it
     */
    abstract void update(int index, Tensor parameter, Tensor gradient);

    /** @return a zero tensor of the parameter's type, shape and device, for per-parameter state */
    static Tensor zerosLike(Tensor parameter) {
        // copy() on the parameter's own device avoids a host round trip for GPU parameters.
        return parameter.detach().copy().zero();
    }
}
