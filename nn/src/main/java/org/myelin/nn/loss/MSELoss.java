package org.myelin.nn.loss;

import org.myelin.api.Tensor;

/** Mean squared error: (input - target)², reduced; input and target have the same shape. */
public class MSELoss extends ReducingLoss {
    /** The mean of the squared errors. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction how the squared errors are combined */
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        Tensor y = LossChecks.sameShapeFloatTarget("MSELoss", input, target);
        return reduction().apply(input.sub(y).square());
    }
}
