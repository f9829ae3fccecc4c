package org.myelin.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.myelin.api.Generator;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * 2-d convolution over (N, C, H, W) images, as PyTorch's {@code nn.Conv2d}: {@code weight} is
 * (out_channels, in_channels / groups, kh, kw) and {@code bias} (out_channels). Both start uniform in
 * ±1/√fan_in with fan_in = in_channels / groups · kh · kw, PyTorch's default.
 */
public class Conv2d extends Module {
    private final long inChannels;
    private final long outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;

    /**
     * @param inChannels  the input's channels
     * @param outChannels the output's channels
     * @param kernelSize  a square kernel's side
     */
    public Conv2d(long inChannels, long outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    /**
     * @param inChannels  the input's channels
     * @param outChannels the output's channels
     * @param kernelSize  a square kernel's side
     * @param stride      the step between windows
     * @param padding     zeros added on each side
     */
    public Conv2d(long inChannels, long outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, new int[] {kernelSize, kernelSize}, new int[] {stride, stride},
                new int[] {padding, padding}, new int[] {1, 1}, 1, true, Tensor.defaultGenerator());
    }

    /**
     * @param inChannels  the input's channels
     * @param outChannels the output's channels
     * @param kernel      (kh, kw)
     * @param stride      (sh, sw)
     * @param padding     (ph, pw)
     * @param dilation    (dh, dw)
     * @param groups      how many groups of channels are convolved separately; divides both channel counts
     * @param bias        whether to learn an additive bias
     * @param generator   where the initial weights' draws come from
     */
    public Conv2d(long inChannels, long outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean bias, Generator generator) {
        this.kernel = pair("kernel", kernel, 1);
        this.stride = pair("stride", stride, 1);
        this.padding = pair("padding", padding, 0);
        this.dilation = pair("dilation", dilation, 1);
        if (inChannels < 1 || outChannels < 1 || groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new InvalidArgumentException("Conv2d(" + inChannels + ", " + outChannels + "): channel counts must be "
                    + "at least 1, and groups (" + groups + ") must divide both");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        registerParameter("weight", Tensor.zeros(outChannels, inChannels / groups, this.kernel[0], this.kernel[1]));
        if (bias) {
            registerParameter("bias", Tensor.zeros(outChannels));
        }
        resetParameters(generator);
    }

    static int[] pair(String what, int[] v, int min) {
        int[] p = v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
        if (p.length != 2 || p[0] < min || p[1] < min) {
            throw new InvalidArgumentException(what + " must be one size or a (height, width) pair, each at least " + min
                    + ", got " + Arrays.toString(v));
        }
        return p;
    }

    /** @param generator where the draws come from: PyTorch's kaiming_uniform(a = √5), and U(±1/√fan_in) for the bias */
    public void resetParameters(Generator generator) {
        Init.kaimingUniform(weight(), Math.sqrt(5), Init.FanMode.FAN_IN, "leaky_relu", generator);
        if (bias() != null) {
            double bound = 1 / Math.sqrt((double) inChannels / groups * kernel[0] * kernel[1]);
            Init.uniform(bias(), -bound, bound, generator);
        }
    }

    /** @return the weight, (out_channels, in_channels / groups, kh, kw) */
    public Tensor weight() {
        return parameter("weight");
    }

    /** @return the bias, (out_channels), or null when built without one */
    public Tensor bias() {
        return parameterOrNull("bias");
    }

    /** @return the input's channels */
    public long inChannels() {
        return inChannels;
    }

    /** @return the output's channels */
    public long outChannels() {
        return outChannels;
    }

    /**
     * @param input (N, in_channels, H, W)
     * @return (N, out_channels, H', W')
     */
    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 4 || input.size(1) != inChannels) {
            throw new ShapeMismatchException("Conv2d(" + extraRepr() + "): the input " + input.shape() + " must be "
                    + "(batch, " + inChannels + " channels, height, width)" + (input.dim() == 3
                    ? "; add the batch axis with unsqueeze(0)" : input.dim() == 2
                    ? "; reshape flat images first (add unflatten(1,1x28x28) before it)" : "")
                    + (input.dim() == 4 ? "; check the channels of the layer before it" : ""));
        }
        return Functional.conv2d(input, weight(), bias(), stride, padding, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=" + tuple(kernel) + ", stride=" + tuple(stride)
                + (padding[0] + padding[1] > 0 ? ", padding=" + tuple(padding) : "")
                + (dilation[0] * dilation[1] > 1 ? ", dilation=" + tuple(dilation) : "")
                + (groups > 1 ? ", groups=" + groups : "") + (bias() == null ? ", bias=False" : "");
    }

    static String tuple(int[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }

    /** Builds {@code conv2d(in,out,kernel[,stride=..,padding=..,dilation=..,groups=..,bias=..])}. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("conv2d", "conv2d(in,out,kernel) with optional stride=S, padding=P, dilation=D, groups=G, "
                    + "bias=false; sizes are N or HxW");
        }

        @Override
        public Layer create(List<String> args) {
            List<String> pos = new ArrayList<>();
            Map<String, String> kw = keywords(args, pos, "stride", "padding", "dilation", "groups", "bias");
            expectArgs(pos, 3, 3);
            long in = positiveSize(pos, 0, "in");
            long out = positiveSize(pos, 1, "out");
            int[] k = pair(args, pos.get(2), "kernel", 1);
            int[] s = pair(args, kw.getOrDefault("stride", "1"), "stride", 1);
            int[] p = pair(args, kw.getOrDefault("padding", "0"), "padding", 0);
            int[] d = pair(args, kw.getOrDefault("dilation", "1"), "dilation", 1);
            int g = pair(args, kw.getOrDefault("groups", "1"), "groups", 1)[0];
            boolean bias = bool(args, kw.getOrDefault("bias", "true"), "bias");
            return build(args, () -> new Conv2d(in, out, k, s, p, d, g, bias, Tensor.defaultGenerator()));
        }
    }
}
