package org.myelin.experiments;

import java.util.List;
import org.myelin.api.Tensor;
import org.myelin.nn.Linear;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;

/**
 * The course's "speed of learning" of each layer: ‖∂C/∂b_l‖, the norm of the gradient of the mean
 * cross-entropy over a batch with respect to layer l's biases. Since ∂C/∂b_l = δ_l, this is how
 * hard gradient descent pushes the layer's units.
 */
final class GradientNorms {
    private static final CrossEntropyLoss LOSS = new CrossEntropyLoss();

    private GradientNorms() {}

    /**
     * Runs one forward and backward pass on the batch (gradients are cleared first and left in the
     * parameters; the weights do not change).
     *
     * @param model   the network
     * @param layers  its linear layers, in order
     * @param inputs  the batch's inputs
     * @param targets the batch's class labels
     * @return ‖∂C/∂b_l‖ for each layer, in the same order
     */
    static double[] ofBiases(Module model, List<Linear> layers, Tensor inputs, Tensor targets) {
        model.zeroGrad();
        LOSS.forward(model.forward(inputs), targets).backward();
        double[] norms = new double[layers.size()];
        for (int l = 0; l < norms.length; l++) {
            double sum = 0;
            // Summed in double: the early layers' gradients of a sigmoid net are tiny.
            for (double g : layers.get(l).bias().grad().toDoubleArray()) {
                sum += g * g;
            }
            norms[l] = Math.sqrt(sum);
        }
        model.zeroGrad();
        return norms;
    }
}
