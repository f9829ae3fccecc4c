package org.myelin.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.nn.Module;
import org.myelin.optim.SGD;

/**
 * The course's source's update (Nielsen, ch. 3): mini-batch SGD with L2 regularisation on the
 * weights only, w ← (1 − ηλ/n)·w − η·∇C₀ and b ← b − η·∇C₀, where C₀ is the mean cross-entropy
 * over the batch and n the size of the training set. Myelin's {@link SGD} adds
 * {@code weightDecay·p} to the gradient, so the same rule is {@code weightDecay = λ/n} on the
 * weights and none on the biases: two SGDs over the two groups of parameters.
 */
final class CourseSgd implements Optimizer {
    private final SGD weights;
    private final SGD biases;
    private final double weightDecay;

    /**
     * @param model       the network; parameters whose name ends in "bias" are not decayed
     * @param lr          the learning rate η
     * @param lambda      the course's λ (0 for none)
     * @param trainingSetSize the course's n
     */
    CourseSgd(Module model, double lr, double lambda, long trainingSetSize) {
        List<Tensor> w = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            (p.getKey().endsWith("bias") ? b : w).add(p.getValue());
        }
        this.weightDecay = lambda / trainingSetSize;
        this.weights = new SGD(w, lr).weightDecay(weightDecay);
        this.biases = b.isEmpty() ? null : new SGD(b, lr);
    }

    /** @return the per-step weight decay λ/n handed to SGD */
    double weightDecay() {
        return weightDecay;
    }

    @Override
    public void zeroGrad() {
        weights.zeroGrad();
        if (biases != null) {
            biases.zeroGrad();
        }
    }

    @Override
    public void step() {
        weights.step();
        if (biases != null) {
            biases.step();
        }
    }

    @Override
    public double learningRate() {
        return weights.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        weights.setLearningRate(learningRate);
        if (biases != null) {
            biases.setLearningRate(learningRate);
        }
    }
}
