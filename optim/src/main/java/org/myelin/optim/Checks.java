package org.myelin.optim;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/** Argument checks shared by the optimizers and schedules, so every message has the same shape: what, got, what to do. */
final class Checks {
    private Checks() {}

    /**
     * @param owner      who is asking, such as {@code SGD}
     * @param parameters the tensors an optimizer will update
     * @return an unmodifiable copy, so later changes to the caller's list cannot desynchronise per-parameter state
     */
    static List<Tensor> parameters(String owner, List<Tensor> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            throw new InvalidArgumentException(owner + ": the parameter list is " + (parameters == null ? "null" : "empty")
                    + "; pass the tensors to train, such as model.parameters()");
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            if (p == null) {
                throw new InvalidArgumentException(owner + ": parameter " + i + " is null; pass only real tensors");
            }
            if (!p.dtype().isFloatingPoint()) {
                throw new InvalidArgumentException(owner + ": parameter " + i + " has type " + p.dtype()
                        + ", which cannot be trained; use FLOAT32 or FLOAT64 parameters");
            }
            if (!p.isLeaf()) {
                throw new InvalidArgumentException(owner + ": parameter " + i + " was made by " + p.gradFn()
                        + ", not a leaf tensor; optimize the leaf it came from, or detach() it and set requiresGrad(true)");
            }
            // A tensor listed twice would be updated twice per step, silently doubling its learning rate.
            if (!seen.add(p)) {
                throw new InvalidArgumentException(owner + ": parameter " + i + " appears more than once in the list; pass each tensor once");
            }
        }
        return List.copyOf(parameters);
    }

    /** @return lr, once it is known to be positive and finite, as every optimizer needs at construction */
    static double positiveLearningRate(String owner, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidArgumentException(owner + ": learning rate must be positive and finite, got " + lr
                    + "; pass a value such as 0.01");
        }
        return lr;
    }

    /** @return lr, once it is known to be at least 0 and finite; schedules such as cosine annealing may reach 0 */
    static double scheduledLearningRate(String owner, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new InvalidArgumentException(owner + ": learning rate must be 0 or more and finite, got " + lr
                    + "; pass a value such as 0.01");
        }
        return lr;
    }

    /** @return value, once it is at least 0 and finite */
    static double nonNegative(String owner, String setting, double value, String example) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidArgumentException(owner + ": " + setting + " must be 0 or more and finite, got " + value
                    + "; pass a value such as " + example);
        }
        return value;
    }

    /** @return value, once it lies in [0, 1), as a decay rate of a running average must */
    static double decayRate(String owner, String setting, double value, String example) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidArgumentException(owner + ": " + setting + " must be in [0, 1), got " + value
                    + "; pass a value such as " + example);
        }
        return value;
    }

    /** @return value, once it lies in [0, 1] */
    static double fraction(String owner, String setting, double value, String example) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidArgumentException(owner + ": " + setting + " must be in [0, 1], got " + value
                    + "; pass a value such as " + example);
        }
        return value;
    }

    /** @return value, once it is positive and finite */
    static double positive(String owner, String setting, double value, String example) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidArgumentException(owner + ": " + setting + " must be positive and finite, got " + value
                    + "; pass a value such as " + example);
        }
        return value;
    }

    /** @return count, once it is at least 1 */
    static int positiveCount(String owner, String setting, int count, String example) {
        if (count < 1) {
            throw new InvalidArgumentException(owner + ": " + setting + " must be at least 1, got " + count
                    + "; pass a value such as " + example);
        }
        return count;
    }
}
