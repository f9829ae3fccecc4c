package org.myelin.optim;

import java.util.List;
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
