package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.Tensor;

/** Backward is iterative: a chain far deeper than any thread stack runs to the end. */
class DeepGraphTest {

    @Test
    void aChainOfOneHundredThousandOpsBackpropagates() {
        Tensor x = Tensor.ones(DType.FLOAT64, 1).requiresGrad(true);
        Tensor y = x;
        int depth = 100_000;
        for (int i = 0; i < depth; i++) {
            y = y.mul(1.0);
        }
        y.add(0).sum().backward();
        assertEquals(1.0, x.grad().item(), 0.0);

        Tensor z = Tensor.ones(DType.FLOAT64, 1).requiresGrad(true);
        Tensor w = z;
        for (int i = 0; i < depth; i++) {
            w = w.add(z.mul(1e-5));
        }
        w.sum().backward();
        assertEquals(1.0 + depth * 1e-5, z.grad().item(), 1e-9, "every branch's gradient arrives at the leaf");
    }
}
