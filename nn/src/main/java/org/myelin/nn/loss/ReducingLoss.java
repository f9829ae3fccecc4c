package org.myelin.nn.loss;

import java.util.Objects;

/** The base of the built-in losses: each computes per-element values and then applies a {@link Reduction}. */
public abstract class ReducingLoss implements Loss {
    private final Reduction reduction;

    /** @param reduction how the per-element losses are combined */
    protected ReducingLoss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** @return how the per-element losses are combined */
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(reduction=" + reduction + ")";
    }
}
