package org.myelin.nn.loss;

import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/** The checks the elementwise losses share, with messages that say what to change. */
final class LossChecks {
    private LossChecks() {}

    /** @throws DTypeException unless the input is floating-point */
    static void floatingInput(String loss, Tensor input) {
        if (!input.dtype().isFloatingPoint()) {
            throw new DTypeException(loss + ": the input must be FLOAT32 or FLOAT64 (the model's output), got "
                    + input.dtype() + " of shape " + input.shape());
        }
    }

    /**
     * Checks an elementwise loss's operands and brings the target to the input's type.
     *
     * @return the target, converted to the input's floating-point type
     * @throws DTypeException         for an integer input or target
     * @throws ShapeMismatchException unless the shapes are equal
     */
    static Tensor sameShapeFloatTarget(String loss, Tensor input, Tensor target) {
        floatingInput(loss, input);
        if (!target.dtype().isFloatingPoint()) {
            throw new DTypeException(loss + ": the target must hold floating-point values of the input's type, got "
                    + target.dtype() + "; convert it with target.to(DType." + input.dtype() + ")"
                    + (target.dtype() == DType.INT64 ? " (class indices belong to CrossEntropyLoss or NLLLoss)" : ""));
        }
        if (!input.shape().equals(target.shape())) {
            throw new ShapeMismatchException(loss + ": the input " + input.shape() + " and the target "
                    + target.shape() + " must have the same shape; reshape the target to " + input.shape()
                    + " (for example target.reshape(" + dims(input) + ")), since broadcasting them would compare "
                    + "every output with every target");
        }
        return target.dtype() == input.dtype() ? target : target.to(input.dtype());
    }

    private static String dims(Tensor t) {
        StringBuilder sb = new StringBuilder();
        for (long d : t.shape().toArray()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(d);
        }
        return sb.toString();
    }
}
