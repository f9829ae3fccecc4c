package org.myelin.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.myelin.api.DType;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.api.TensorEngine;

/**
 * Checks an operator's analytic gradient against central finite differences in float64, the way
 * {@code torch.autograd.gradcheck} does. Built on the public {@link Tensor} API only, so a plugin
 * author runs it against any engine and backend:
 *
 * <pre>{@code
 * GradCheck.assertGradients(in -> Tensor.apply("gelu", in[0]), Tensor.randn(DType.FLOAT64, 3, 4));
 * }</pre>
 *
 * A non-scalar output is reduced with fixed random weights, so every output element's gradient is
 * checked at once. {@link #checkSecondOrder} does the same one level up, as
 * {@code torch.autograd.gradgradcheck}: the gradient's own gradient, taken through
 * {@code backward(createGraph)}, against finite differences of the gradient.
 */
public final class GradCheck {
    /** The finite-difference step. */
    public static final double EPS = 1e-6;
    /** The absolute tolerance. */
    public static final double ATOL = 1e-5;
    /** The relative tolerance. */
    public static final double RTOL = 1e-3;

    private GradCheck() {}

    /**
     * One compared element.
     *
     * @param input     which input
     * @param index     the element's row-major index
     * @param analytic  the gradient backward computed
     * @param numerical the central difference
     */
    public record Mismatch(int input, int index, double analytic, double numerical) {}

    /**
     * Compares gradients and returns every element that differs beyond the tolerances.
     *
     * @param function the function of the inputs to check
     * @param inputs   FLOAT64 inputs; they are used as leaves that require a gradient
     * @return the mismatches, empty when the gradient is right
     */
    public static List<Mismatch> check(Function<Tensor[], Tensor> function, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradcheck needs FLOAT64 inputs; input " + i + " is " + inputs[i].dtype());
            }
            leaves[i] = Tensor.of(inputs[i].toDoubleArray(), inputs[i].shape().toArray()).requiresGrad(true);
        }
        Tensor out = function.apply(leaves);
        Tensor weights = weightsFor(out);
        Tensor weighted = out.mul(weights).sum();
        if (weighted.requiresGrad()) {
            weighted.backward();
        } // else the output does not depend on the inputs through the graph: every gradient is zero

        List<Mismatch> bad = new ArrayList<>();
        for (int i = 0; i < leaves.length; i++) {
            double[] analytic = leaves[i].grad() == null ? new double[(int) leaves[i].numel()] : leaves[i].grad().toDoubleArray();
            double[] numerical = numericalGradient(function, leaves, i, weights);
            for (int j = 0; j < analytic.length; j++) {
                if (Math.abs(analytic[j] - numerical[j]) > ATOL + RTOL * Math.abs(numerical[j])) {
                    bad.add(new Mismatch(i, j, analytic[j], numerical[j]));
                }
            }
        }
        return bad;
    }

    /**
     * @param function the function of the inputs to check
     * @param inputs   FLOAT64 inputs
     * @throws AssertionError naming the first mismatches when the gradient is wrong
     */
    public static void assertGradients(Function<Tensor[], Tensor> function, Tensor... inputs) {
        List<Mismatch> bad = check(function, inputs);
        if (!bad.isEmpty()) {
            throw new AssertionError("gradcheck failed at " + bad.size() + " element(s); first: "
                    + bad.subList(0, Math.min(5, bad.size())));
        }
    }

    /**
     * Compares second derivatives: the gradient of the (weighted) gradient, differentiated through the
     * recorded backward pass, against central differences of the gradient.
     *
     * @param function the function of the inputs to check
     * @param inputs   FLOAT64 inputs
     * @return the mismatches of the second derivative, empty when it is right
     */
    public static List<Mismatch> checkSecondOrder(Function<Tensor[], Tensor> function, Tensor... inputs) {
        return check(in -> gradientOf(function, in), inputs);
    }

    /**
     * @param function the function of the inputs to check
     * @param inputs   FLOAT64 inputs
     * @throws AssertionError naming the first mismatches when the second derivative is wrong
     */
    public static void assertSecondOrder(Function<Tensor[], Tensor> function, Tensor... inputs) {
        List<Mismatch> bad = checkSecondOrder(function, inputs);
        if (!bad.isEmpty()) {
            throw new AssertionError("second-order gradcheck failed at " + bad.size() + " element(s); first: "
                    + bad.subList(0, Math.min(5, bad.size())));
        }
    }

    /**
     * Every input's gradient of the weighted output, flattened and joined, in the graph: leaves that
     * require a gradient are differentiated as they are (the analytic pass), others as fresh leaves
     * (the finite-difference passes, which run under no-grad).
     */
    private static Tensor gradientOf(Function<Tensor[], Tensor> function, Tensor[] inputs) {
        try (var g = GradMode.enableGrad()) {
            Tensor[] leaves = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                leaves[i] = inputs[i].requiresGrad() ? inputs[i] : inputs[i].detach().requiresGrad(true);
            }
            Tensor out = function.apply(leaves);
            Tensor weighted = out.mul(weightsFor(out)).sum();
            List<Tensor> grads = TensorEngine.get().grad(List.of(weighted), Arrays.asList(leaves), null, true, true, true);
            Tensor[] flat = new Tensor[leaves.length];
            for (int i = 0; i < leaves.length; i++) {
                Tensor gi = grads.get(i);
                flat[i] = (gi == null ? leaves[i].newZeros(leaves[i].shape().toArray()) : gi).reshape(-1);
            }
            return Tensor.cat(0, flat);
        }
    }

    private static Tensor weightsFor(Tensor out) {
        SplittableRandom random = new SplittableRandom(1234);
        double[] w = new double[(int) out.numel()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + random.nextDouble();
        }
        return Tensor.of(w, out.shape().toArray()).to(out.dtype());
    }

    private static double[] numericalGradient(Function<Tensor[], Tensor> function, Tensor[] leaves, int which,
                                              Tensor weights) {
        double[] base = leaves[which].toDoubleArray();
        double[] grad = new double[base.length];
        long[] shape = leaves[which].shape().toArray();
        try (var g = GradMode.noGrad()) {
            for (int j = 0; j < base.length; j++) {
                double[] plus = base.clone();
                double[] minus = base.clone();
                plus[j] += EPS;
                minus[j] -= EPS;
                double fPlus = evaluate(function, leaves, which, Tensor.of(plus, shape), weights);
                double fMinus = evaluate(function, leaves, which, Tensor.of(minus, shape), weights);
                grad[j] = (fPlus - fMinus) / (2 * EPS);
            }
        }
        return grad;
    }

    private static double evaluate(Function<Tensor[], Tensor> function, Tensor[] leaves, int which, Tensor replaced,
                                   Tensor weights) {
        Tensor[] args = leaves.clone();
        args[which] = replaced;
        return function.apply(args).mul(weights).sum().item();
    }
}
