package org.myelin.nn;

import java.util.List;
import org.myelin.api.Generator;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * Zeroes each element with probability p while training. The masks come from {@link Tensor#rand},
 * so {@link Tensor#manualSeed} makes them reproducible.
 *
 * <p>Two conventions give the same expected activations:
 * <ul>
 *   <li>{@link Mode#INVERTED} (the default, PyTorch's): kept elements are scaled by 1/(1-p) during
 *       training, and evaluation is the identity;</li>
 *   <li>{@link Mode#SCALE_AT_TEST} (the course's, {@link #courseVariant}): kept elements pass
 *       unscaled during training, and evaluation multiplies everything by (1-p).</li>
 * </ul>
 */
public class Dropout extends Module implements KeepsFeatures {

    /** Where the 1/(1-p) correction is applied. */
    public enum Mode {
        /** Scale kept elements by 1/(1-p) at training time; evaluation is the identity (PyTorch). */
        INVERTED,
        /** Keep elements unscaled at training time; multiply by (1-p) at evaluation (the course). */
        SCALE_AT_TEST
    }

    private final double p;
    private final Mode mode;
    /** Null: the default generator of the thread that runs forward. */
    private final Generator generator;

    /** @param p the probability of zeroing an element, in [0, 1] */
    public Dropout(double p) {
        this(p, Mode.INVERTED);
    }

    /**
     * @param p    the probability of zeroing an element, in [0, 1]
     * @param mode where the correction for the dropped elements is applied
     */
    public Dropout(double p, Mode mode) {
        this(p, mode, null);
    }

    /**
     * @param p         the probability of zeroing an element, in [0, 1]
     * @param mode      where the correction for the dropped elements is applied
     * @param generator where the masks' draws come from; null for the default generator of the
     *                  thread that runs forward
     */
    public Dropout(double p, Mode mode, Generator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new InvalidArgumentException("Dropout: p is the probability of dropping an element and must be in "
                    + "[0, 1], got " + p);
        }
        this.p = p;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.generator = generator;
    }

    /**
     * The course's dropout: keep with probability 1-p without scaling while training, and
     * multiply by (1-p) at evaluation.
     *
     * @param p the probability of zeroing an element, in [0, 1]
     * @return the layer
     */
    public static Dropout courseVariant(double p) {
        return new Dropout(p, Mode.SCALE_AT_TEST);
    }

    /** @return the probability of zeroing an element */
    public double p() {
        return p;
    }

    /** @return where the correction is applied */
    public Mode mode() {
        return mode;
    }

    /** @param input any shape @return the input with dropout applied (training) or the evaluation scaling */
    @Override
    public Tensor forward(Tensor input) {
        if (!isTraining()) {
            return mode == Mode.SCALE_AT_TEST && p != 0 ? input.mul(1 - p) : input;
        }
        if (p == 0) {
            return input;
        }
        if (p == 1) {
            // Everything is dropped; 1/(1-p) would be infinite and 0·inf is NaN.
            return input.mul(0);
        }
        long[] shape = input.shape().toArray();
        // P(u >= p) = 1 - p for u uniform in [0, 1): that is the chance of keeping an element.
        Tensor draws = generator == null ? Tensor.rand(input.dtype(), shape) : Tensor.rand(generator, input.dtype(), shape);
        Tensor keep = draws.to(input.device()).gt(p);
        Tensor mask = mode == Mode.INVERTED ? keep.mul(1 / (1 - p)) : keep;
        return input.mul(mask);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + (mode == Mode.INVERTED ? "" : ", mode=" + mode);
    }

    /** Builds {@code dropout(p)} or {@code dropout(p,course)} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("dropout", "dropout(p) with p in [0,1], or dropout(p,course) to scale at test time as the course does");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 1, 2);
            double p = number(args, 0, "p", 0);
            String mode = word(args, 1, "inverted");
            if (!mode.equals("inverted") && !mode.equals("course")) {
                throw bad(args, "the mode must be inverted or course, got '" + mode + "'");
            }
            return build(args, () -> new Dropout(p, mode.equals("course") ? Mode.SCALE_AT_TEST : Mode.INVERTED));
        }
    }
}
