package org.myelin.nn;

import org.myelin.api.Attrs;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.Tensor;

/**
 * The layers' computations as functions, with PyTorch's names and defaults
 * ({@code torch.nn.functional}). Images are NCHW: (batch, channels, height, width). Sizes given as
 * one number apply to both height and width; as two, they are (height, width).
 */
public final class Functional {
    private Functional() {}

    /**
     * @param input    (N, C, H, W)
     * @param weight   (out_channels, C / groups, kh, kw)
     * @param bias     (out_channels), or null
     * @param stride   the step between windows
     * @param padding  zeros added on each side
     * @param dilation the spacing between a kernel's taps
     * @param groups   how many groups of channels are convolved separately
     * @return (N, out_channels, H', W')
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        Attrs attrs = Attrs.of("stride", stride.clone(), "padding", padding.clone(), "dilation", dilation.clone(),
                "groups", groups);
        return bias == null ? Tensor.apply(Op.CONV2D, attrs, input, weight)
                : Tensor.apply(Op.CONV2D, attrs, input, weight, bias);
    }

    /**
     * @param input  (N, C, H, W)
     * @param weight (out_channels, C, kh, kw)
     * @param bias   (out_channels), or null
     * @return the convolution with stride 1 and no padding
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, new int[] {1}, new int[] {0}, new int[] {1}, 1);
    }

    /**
     * @param input    (N, C, H, W) or (C, H, W)
     * @param kernel   the window
     * @param stride   the step between windows; empty for the kernel's size
     * @param padding  -infinity added on each side, at most half the kernel
     * @param dilation the spacing between a window's elements
     * @return the largest value of each window
     */
    public static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Tensor.apply(Op.MAX_POOL2D, Attrs.of("kernel", kernel.clone(), "stride", stride.clone(), "padding",
                padding.clone(), "dilation", dilation.clone()), input);
    }

    /**
     * @param input  (N, C, H, W) or (C, H, W)
     * @param kernel the window, and the step
     * @return the largest value of each window
     */
    public static Tensor maxPool2d(Tensor input, int kernel) {
        return maxPool2d(input, new int[] {kernel}, new int[0], new int[] {0}, new int[] {1});
    }

    /**
     * @param input           (N, C, H, W) or (C, H, W)
     * @param kernel          the window
     * @param stride          the step between windows; empty for the kernel's size
     * @param padding         zeros added on each side, at most half the kernel
     * @param countIncludePad whether the padding counts in each mean's divisor
     * @return the mean of each window
     */
    public static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        return Tensor.apply(Op.AVG_POOL2D, Attrs.of("kernel", kernel.clone(), "stride", stride.clone(), "padding",
                padding.clone(), "countIncludePad", countIncludePad), input);
    }

    /**
     * @param input      (N, C, H, W) or (C, H, W)
     * @param outputSize the output's (height, width), or one size for both
     * @return the mean over windows that tile the input
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, int... outputSize) {
        return Tensor.apply(Op.ADAPTIVE_AVG_POOL2D, Attrs.of("outputSize", outputSize.clone()), input);
    }

    /**
     * Batch normalisation, as PyTorch's {@code F.batch_norm}. In training it normalises by the
     * batch's mean and biased variance per channel (axis 1) and, when running statistics are given,
     * moves them toward the batch's (the variance unbiased): {@code running = (1 - momentum) ·
     * running + momentum · batch}. In evaluation it normalises by the running statistics.
     *
     * @param input       (N, C, ...)
     * @param runningMean (C), or null in training to keep none
     * @param runningVar  (C), or null with runningMean
     * @param weight      (C), or null for 1
     * @param bias        (C), or null for 0
     * @param training    which statistics to use
     * @param momentum    the running statistics' step
     * @param eps         added to the variance
     * @return the normalised input
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        if ((runningMean == null) != (runningVar == null) || (!training && runningMean == null)) {
            throw new InvalidArgumentException("batchNorm: give both running statistics or neither, and both in "
                    + "evaluation, which normalises by them");
        }
        if (input.dim() < 2) {
            throw new InvalidArgumentException("batchNorm: the input must be (batch, channels, ...), got "
                    + input.shape());
        }
        long[] perChannel = new long[input.dim()];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[1] = input.size(1);
        if (!training) {
            Tensor y = input.sub(runningMean.reshape(perChannel)).div(runningVar.add(eps).sqrt().reshape(perChannel));
            y = weight == null ? y : y.mul(weight.reshape(perChannel));
            return bias == null ? y : y.add(bias.reshape(perChannel));
        }
        Tensor w = weight == null && bias != null ? bias.newFull(1, bias.size(0)) : weight;
        Attrs attrs = Attrs.of("eps", eps);
        Tensor y = w == null ? Tensor.apply(Op.BATCH_NORM, attrs, input)
                : bias == null ? Tensor.apply(Op.BATCH_NORM, attrs, input, w)
                : Tensor.apply(Op.BATCH_NORM, attrs, input, w, bias);
        if (runningMean != null) {
            try (var g = GradMode.noGrad()) {
                int[] axes = new int[input.dim() - 1];
                for (int i = 0, j = 0; i < input.dim(); i++) {
                    if (i != 1) {
                        axes[j++] = i;
                    }
                }
                Tensor x = input.detach();
                Tensor mean = x.sum(axes, false).div(input.numel() / input.size(1));
                runningMean.mulInPlace(1 - momentum).addInPlace(mean.mul(momentum).to(runningMean.dtype()));
                runningVar.mulInPlace(1 - momentum)
                        .addInPlace(x.var(axes, true, false).mul(momentum).to(runningVar.dtype()));
            }
        }
        return y;
    }

    /**
     * @param input           (..., *normalizedShape)
     * @param normalizedShape the trailing sizes normalised over
     * @param weight          of normalizedShape, or null for 1
     * @param bias            of normalizedShape, or null for 0
     * @param eps             added to the variance
     * @return the input normalised over its last axes, as PyTorch's {@code F.layer_norm}
     */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int d = normalizedShape.length;
        boolean fits = d >= 1 && d <= input.dim();
        for (int i = 0; fits && i < d; i++) {
            fits = input.size(input.dim() - d + i) == normalizedShape[i];
        }
        if (!fits) {
            throw new org.myelin.api.ShapeMismatchException("layerNorm: the input " + input.shape() + " does not end in "
                    + "the normalised shape " + java.util.Arrays.toString(normalizedShape));
        }
        Tensor w = weight == null && bias != null ? bias.newFull(1, normalizedShape) : weight;
        Attrs attrs = Attrs.of("eps", eps, "normalizedDims", d);
        return w == null ? Tensor.apply(Op.LAYER_NORM, attrs, input)
                : bias == null ? Tensor.apply(Op.LAYER_NORM, attrs, input, w)
                : Tensor.apply(Op.LAYER_NORM, attrs, input, w, bias);
    }

    /**
     * The sliding windows as columns, as PyTorch's {@code F.unfold} (im2col).
     *
     * @param input    (N, C, H, W)
     * @param kernel   the window
     * @param dilation the spacing between a window's elements
     * @param padding  zeros added on each side
     * @param stride   the step between windows
     * @return (N, C·kh·kw, L), one column per window
     */
    public static Tensor unfold(Tensor input, int[] kernel, int[] dilation, int[] padding, int[] stride) {
        return Tensor.apply(Op.IM2COL, Attrs.of("kernel", kernel.clone(), "stride", stride.clone(), "padding",
                padding.clone(), "dilation", dilation.clone()), input);
    }

    /**
     * Sums columns back into an image, as PyTorch's {@code F.fold} (col2im): the adjoint of
     * {@link #unfold}.
     *
     * @param input      (N, C·kh·kw, L)
     * @param outputSize the image's (height, width)
     * @param kernel     the window
     * @param dilation   the spacing between a window's elements
     * @param padding    the padding unfold added
     * @param stride     the step between windows
     * @return (N, C, height, width)
     */
    public static Tensor fold(Tensor input, int[] outputSize, int[] kernel, int[] dilation, int[] padding,
                              int[] stride) {
        return Tensor.apply(Op.COL2IM, Attrs.of("outputSize", outputSize.clone(), "kernel", kernel.clone(), "stride",
                stride.clone(), "padding", padding.clone(), "dilation", dilation.clone()), input);
    }
}
