package org.myelin.optim;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.Tensor;

/**
 * The golden file's fixed problem: loss = mean((x @ W + b − target)²) with W [3,4] and b [4], written
 * exactly as make_optim_golden.py writes it, so both frameworks differentiate the same expression.
 */
final class GoldenProblem {
    final Tensor x;
    final Tensor target;
    final Tensor weight;
    final Tensor bias;

    GoldenProblem(DType dtype) {
        x = Golden.tensor("problem.x", dtype);
        target = Golden.tensor("problem.target", dtype);
        weight = Golden.tensor("init.W", dtype).requiresGrad(true);
        bias = Golden.tensor("init.b", dtype).requiresGrad(true);
    }

    List<Tensor> parameters() {
        return List.of(weight, bias);
    }

    Tensor loss() {
        return x.matmul(weight).add(bias).sub(target).square().mean();
    }

    /** Fills both parameters' gradients from one backward of the loss. */
    void backward() {
        loss().backward();
    }
}
