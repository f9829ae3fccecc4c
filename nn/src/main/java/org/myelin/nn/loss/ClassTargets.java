package org.myelin.nn.loss;

import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * Class-index targets, shared by {@link NLLLoss} and {@link CrossEntropyLoss}: the input is
 * (N, C) or (N, C, d...) with classes on axis 1, or (C) for one sample; the target holds INT64
 * class indices of the input's shape without the class axis.
 */
final class ClassTargets {
    private ClassTargets() {}

    /** @return the class axis: 1, or 0 for a single sample of shape (C) */
    static int classAxis(Tensor input) {
        return input.dim() == 1 ? 0 : 1;
    }

    /** @return the input's shape without the class axis, which an index target must have */
    static long[] targetShape(Tensor input) {
        long[] dims = input.shape().toArray();
        int axis = classAxis(input);
        long[] out = new long[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                out[j++] = dims[i];
            }
        }
        return out;
    }

    /** @throws ShapeMismatchException unless the input has a class axis */
    static void checkInput(String loss, Tensor input) {
        if (!input.dtype().isFloatingPoint()) {
            throw new DTypeException(loss + ": the input must be FLOAT32 or FLOAT64 scores, got " + input.dtype());
        }
        if (input.dim() == 0) {
            throw new ShapeMismatchException(loss + ": the input is a scalar; give scores of shape (N, C) "
                    + "(N samples, C classes) or (C) for one sample");
        }
    }

    /**
     * Checks an index target against an input and picks -input[target] per sample.
     *
     * @param loss   the loss's name, for messages
     * @param scores log-probabilities, with classes on {@link #classAxis}
     * @param target INT64 class indices
     * @return -scores at each sample's class, of the target's shape
     */
    static Tensor negativePicked(String loss, Tensor scores, Tensor target) {
        checkIndices(loss, scores, target);
        int axis = classAxis(scores);
        return scores.gather(axis, target.unsqueeze(axis)).squeeze(axis).neg();
    }

    /**
     * @throws DTypeException           unless the target is INT64
     * @throws ShapeMismatchException   unless the target has the input's shape without the class axis
     * @throws InvalidArgumentException for an index outside [0, classes)
     */
    static void checkIndices(String loss, Tensor input, Tensor target) {
        long[] expected = targetShape(input);
        long classes = input.size(classAxis(input));
        if (target.dtype() != DType.INT64) {
            throw new DTypeException(loss + ": the target must hold INT64 class indices of shape "
                    + java.util.Arrays.toString(expected) + " for the input " + input.shape() + ", got " + target.dtype()
                    + " " + target.shape() + "; convert labels with target.to(DType.INT64)"
                    + (loss.equals("CrossEntropyLoss") ? ", or give class probabilities of the input's shape" : ""));
        }
        if (!java.util.Arrays.equals(target.shape().toArray(), expected)) {
            throw new ShapeMismatchException(loss + ": for the input " + input.shape() + " (classes on axis "
                    + classAxis(input) + ") the target must have shape " + java.util.Arrays.toString(expected)
                    + ", one class index per sample, got " + target.shape()
                    + (target.dim() == input.dim() ? "; one-hot targets must become indices (argmax on the class axis)" : ""));
        }
        long[] values = target.toLongArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= classes) {
                throw new InvalidArgumentException(loss + ": target " + values[i] + " at position " + i
                        + " is not a class index in [0, " + classes + ") for an input with " + classes + " classes");
            }
        }
    }
}
