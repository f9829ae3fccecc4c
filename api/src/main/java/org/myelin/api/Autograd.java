package org.myelin.api;

import java.util.Arrays;
import java.util.List;

/**
 * Gradients as values, as {@code torch.autograd.grad}: nothing is accumulated into
 * {@link Tensor#grad()}. With {@code createGraph} the backward pass is recorded, so the result can
 * be differentiated again:
 *
 * <pre>{@code
 * Tensor y = x.pow(3).sum();
 * Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true).get(0);   // 3x^2, in the graph
 * Tensor d2y = Autograd.grad(dy.sum(), x)[0];                             // 6x
 * }</pre>
 */
public final class Autograd {
    private Autograd() {}

    /**
     * @param output a scalar to differentiate
     * @param inputs what to differentiate it with respect to
     * @return d output / d input, one per input; the graph is freed afterwards
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(List.of(output), Arrays.asList(inputs), null, false).toArray(Tensor[]::new);
    }

    /**
     * @param outputs     the tensors to differentiate
     * @param inputs      what to differentiate them with respect to
     * @param gradOutputs d(something)/d(output) per output, or null when every output is a scalar
     * @param createGraph record the backward pass (and keep the graph), for higher derivatives
     * @return one gradient per input
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean createGraph) {
        if (outputs.isEmpty()) {
            throw new InvalidArgumentException("Autograd.grad needs at least one output");
        }
        return outputs.get(0).engine().grad(outputs, inputs, gradOutputs, createGraph, createGraph, false);
    }
}
