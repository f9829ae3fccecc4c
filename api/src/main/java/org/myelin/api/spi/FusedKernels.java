package org.myelin.api.spi;

/**
 * The kernels of the built-in fused operators, which a pack may bring through a
 * {@link KernelProvider}, by operator name ({@code softmax} and {@code log_softmax} take a
 * {@link Softmax}). An operator whose backend has none computes the same thing in primitive tensor
 * operations.
 */
public final class FusedKernels {
    private FusedKernels() {}

    /** For {@code softmax} and {@code log_softmax}. */
    @FunctionalInterface
    public interface Softmax {
        /**
         * @param x    the input
         * @param axis the axis to normalise over
         * @param out  softmax of x along the axis, or its logarithm
         * @param log  true for log-softmax
         */
        void softmax(Strided x, int axis, Strided out, boolean log);
    }

    /** For {@code sgd_step}. */
    @FunctionalInterface
    public interface SgdStep {
        /**
         * One SGD update with PyTorch's semantics, in place, on contiguous views of one shape:
         * {@code g = grad + weightDecay * p}; with momentum, {@code buf = momentum * buf + (1 - dampening) * g}
         * ({@code buf = g} on the first step) and {@code g = nesterov ? g + momentum * buf : buf};
         * then {@code p -= lr * g}.
         *
         * @param param          the parameter, updated
         * @param grad           its gradient
         * @param momentumBuffer the momentum buffer, updated; null when momentum is 0
         * @param lr             the learning rate
         * @param momentum       the momentum factor
         * @param dampening      the dampening
         * @param weightDecay    the L2 factor
         * @param nesterov       Nesterov momentum
         * @param firstStep      true on the first step, when the buffer is initialised from g
         */
        void sgdStep(Strided param, Strided grad, Strided momentumBuffer, double lr, double momentum,
                     double dampening, double weightDecay, boolean nesterov, boolean firstStep);
    }

    /** For {@code adam_step}. */
    @FunctionalInterface
    public interface AdamStep {
        /**
         * One Adam or AdamW update with PyTorch's semantics, in place, on contiguous views.
         *
         * @param param       the parameter, updated
         * @param grad        its gradient
         * @param m           the first moment, updated
         * @param v           the second moment, updated
         * @param lr          the learning rate
         * @param beta1       the first moment's decay
         * @param beta2       the second moment's decay
         * @param eps         added to the denominator
         * @param weightDecay the decay factor
         * @param decoupled   true for AdamW ({@code p *= 1 - lr * wd}); false adds {@code wd * p} to the gradient
         * @param step        the step number, from 1
         */
        void adamStep(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                      double eps, double weightDecay, boolean decoupled, long step);
    }

    /**
     * The windows of im2col and col2im, and through them of convolution and pooling, in each axis
     * (height first, then width).
     *
     * @param kernelH   the window's height
     * @param kernelW   its width
     * @param strideH   the step between windows, down
     * @param strideW   across
     * @param padH      zeros added above and below
     * @param padW      zeros added left and right
     * @param dilationH the spacing between a window's rows
     * @param dilationW between its columns
     * @param outH      how many windows fit down
     * @param outW      and across
     */
    public record Window(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int dilationH,
                         int dilationW, int outH, int outW) {}

    /** For {@code im2col} and {@code col2im}. */
    public interface Im2col {
        /**
         * Copies every window into a column: {@code out[n][(c·kh + i)·kw + j][y·outW + x] =
         * x[n][c][y·strideH - padH + i·dilationH][x·strideW - padW + j·dilationW]}, zero outside the image.
         *
         * @param x      the images (N, C, H, W), contiguous
         * @param window the windows
         * @param out    (N, C·kh·kw, outH·outW), contiguous, of x's type, overwritten
         */
        void im2col(Strided x, Window window, Strided out);

        /**
         * The adjoint of {@link #im2col}: each image element is the sum of the column entries that
         * im2col would have copied from it.
         *
         * @param cols   (N, C·kh·kw, outH·outW), contiguous
         * @param window the windows
         * @param out    the images (N, C, H, W), contiguous, of cols' type, overwritten
         */
        void col2im(Strided cols, Window window, Strided out);
    }

    /** For {@code max_pool2d}. */
    public interface MaxPool2d {
        /**
         * The largest element of each window, padding counting as -infinity, and where it is: the
         * first in the window's row-major order on ties; a NaN counts as the largest, as in PyTorch.
         *
         * @param x      the images (N, C, H, W), contiguous
         * @param window the windows
         * @param out    (N, C, outH, outW), contiguous, of x's type, overwritten
         * @param index  INT64, out's shape, contiguous: the element's position y·W + x in its image plane
         */
        void maxPool2d(Strided x, Window window, Strided out, Strided index);
    }
}
