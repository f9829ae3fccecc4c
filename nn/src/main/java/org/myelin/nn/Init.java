package org.myelin.nn;

import java.util.Locale;
import org.myelin.api.Generator;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;
import org.myelin.api.UnknownNameException;

/**
 * Parameter initialisers with PyTorch's {@code torch.nn.init} semantics. Each one fills a tensor
 * in place, under {@link GradMode#noGrad()} so it works on parameters, and draws from
 * {@link Tensor#rand}/{@link Tensor#randn} so {@link Tensor#manualSeed} makes it reproducible.
 *
 * <p>Fans follow PyTorch: for a weight of shape (out, in, k...), fan_in = in·Πk and
 * fan_out = out·Πk.
 */
public final class Init {

    /** Which fan the Kaiming initialisers preserve the variance of. */
    public enum FanMode {
        /** The forward pass's activations (PyTorch's default). */
        FAN_IN,
        /** The backward pass's gradients. */
        FAN_OUT
    }

    private Init() {}

    /**
     * The recommended gain for a nonlinearity, as {@code torch.nn.init.calculate_gain}.
     *
     * @param nonlinearity linear, identity, conv1d/2d/3d, sigmoid, tanh, relu, leaky_relu or selu
     * @param param        the negative slope for leaky_relu (PyTorch uses 0.01 when it is NaN)
     * @return the gain
     * @throws UnknownNameException for another name
     */
    public static double gain(String nonlinearity, double param) {
        return switch (nonlinearity.toLowerCase(Locale.ROOT)) {
            case "linear", "identity", "conv1d", "conv2d", "conv3d", "sigmoid" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2);
            case "leaky_relu" -> {
                double slope = Double.isNaN(param) ? 0.01 : param;
                yield Math.sqrt(2 / (1 + slope * slope));
            }
            case "selu" -> 3.0 / 4;
            default -> throw new UnknownNameException("unknown nonlinearity '" + nonlinearity + "' for an init gain; "
                    + "known: linear, identity, conv1d, conv2d, conv3d, sigmoid, tanh, relu, leaky_relu, selu");
        };
    }

    /**
     * @param nonlinearity as {@link #gain(String, double)}
     * @return its gain, with leaky_relu's slope 0.01
     */
    public static double gain(String nonlinearity) {
        return gain(nonlinearity, Double.NaN);
    }

    /**
     * Fills a tensor from the uniform distribution U(low, high).
     *
     * @param t    the tensor
     * @param low  the lower bound
     * @param high the upper bound
     * @return the tensor
     */
    public static Tensor uniform(Tensor t, double low, double high) {
        return uniform(t, low, high, Tensor.defaultGenerator());
    }

    /**
     * As {@link #uniform(Tensor, double, double)}, drawing from a given generator.
     *
     * @param t         the tensor
     * @param low       the lower bound
     * @param high      the upper bound
     * @param generator where the draws come from
     * @return the tensor
     */
    public static Tensor uniform(Tensor t, double low, double high, Generator generator) {
        Tensor draws = Tensor.rand(generator, t.dtype(), t.shape().toArray()).mul(high - low).add(low);
        return fill(t, draws);
    }

    /**
     * Fills a tensor from the normal distribution N(mean, std²).
     *
     * @param t    the tensor
     * @param mean the mean
     * @param std  the standard deviation
     * @return the tensor
     */
    public static Tensor normal(Tensor t, double mean, double std) {
        return normal(t, mean, std, Tensor.defaultGenerator());
    }

    /**
     * As {@link #normal(Tensor, double, double)}, drawing from a given generator.
     *
     * @param t         the tensor
     * @param mean      the mean
     * @param std       the standard deviation
     * @param generator where the draws come from
     * @return the tensor
     */
    public static Tensor normal(Tensor t, double mean, double std, Generator generator) {
        Tensor draws = Tensor.randn(generator, t.dtype(), t.shape().toArray()).mul(std).add(mean);
        return fill(t, draws);
    }

    /**
     * Sets every element of a tensor to one value.
     *
     * @param t     the tensor
     * @param value the value
     * @return the tensor
     */
    public static Tensor constant(Tensor t, double value) {
        try (var g = GradMode.noGrad()) {
            return t.fill(value);
        }
    }

    /** @param t a tensor @return it, filled with zeros */
    public static Tensor zeros(Tensor t) {
        return constant(t, 0);
    }

    /** @param t a tensor @return it, filled with ones */
    public static Tensor ones(Tensor t) {
        return constant(t, 1);
    }

    /**
     * Glorot's uniform init: U(-b, b) with b = gain·√(6 / (fan_in + fan_out)).
     *
     * @param t    a tensor of rank 2 or more
     * @param gain a scale, such as {@link #gain(String)}
     * @return the tensor
     */
    public static Tensor xavierUniform(Tensor t, double gain) {
        long[] fans = fans(t, "xavierUniform");
        double bound = gain * Math.sqrt(6.0 / (fans[0] + fans[1]));
        return uniform(t, -bound, bound);
    }

    /** @param t a tensor of rank 2 or more @return it, after {@link #xavierUniform(Tensor, double)} with gain 1 */
    public static Tensor xavierUniform(Tensor t) {
        return xavierUniform(t, 1);
    }

    /**
     * Glorot's normal init: N(0, std²) with std = gain·√(2 / (fan_in + fan_out)).
     *
     * @param t    a tensor of rank 2 or more
     * @param gain a scale
     * @return the tensor
     */
    public static Tensor xavierNormal(Tensor t, double gain) {
        long[] fans = fans(t, "xavierNormal");
        return normal(t, 0, gain * Math.sqrt(2.0 / (fans[0] + fans[1])));
    }

    /** @param t a tensor of rank 2 or more @return it, after {@link #xavierNormal(Tensor, double)} with gain 1 */
    public static Tensor xavierNormal(Tensor t) {
        return xavierNormal(t, 1);
    }

    /**
     * He's uniform init: U(-b, b) with b = gain(nonlinearity, a)·√(3 / fan).
     *
     * @param t            a tensor of rank 2 or more
     * @param a            the negative slope, used by leaky_relu only
     * @param mode         which fan to use
     * @param nonlinearity the activation that follows, as {@link #gain(String, double)}
     * @return the tensor
     */
    public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, String nonlinearity) {
        return kaimingUniform(t, a, mode, nonlinearity, Tensor.defaultGenerator());
    }

    /**
     * As {@link #kaimingUniform(Tensor, double, FanMode, String)}, drawing from a given generator.
     *
     * @param t            the tensor
     * @param a            the negative slope for leaky_relu
     * @param mode         which fan to preserve
     * @param nonlinearity the nonlinearity after it
     * @param generator    where the draws come from
     * @return the tensor
     */
    public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, String nonlinearity, Generator generator) {
        double std = gain(nonlinearity, a) / Math.sqrt(fan(t, mode, "kaimingUniform"));
        double bound = Math.sqrt(3) * std;
        return uniform(t, -bound, bound, generator);
    }

    /** @param t a tensor of rank 2 or more @return it, after kaimingUniform for a ReLU, fan_in */
    public static Tensor kaimingUniform(Tensor t) {
        return kaimingUniform(t, 0, FanMode.FAN_IN, "relu");
    }

    /**
     * He's normal init: N(0, std²) with std = gain(nonlinearity, a)/√fan.
     *
     * @param t            a tensor of rank 2 or more
     * @param a            the negative slope, used by leaky_relu only
     * @param mode         which fan to use
     * @param nonlinearity the activation that follows
     * @return the tensor
     */
    public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, String nonlinearity) {
        return normal(t, 0, gain(nonlinearity, a) / Math.sqrt(fan(t, mode, "kaimingNormal")));
    }

    /** @param t a tensor of rank 2 or more @return it, after kaimingNormal for a ReLU, fan_in */
    public static Tensor kaimingNormal(Tensor t) {
        return kaimingNormal(t, 0, FanMode.FAN_IN, "relu");
    }

    /**
     * @param t  a tensor of rank 2 or more
     * @param op the initialiser, for the message
     * @return {fan_in, fan_out}, as PyTorch's {@code _calculate_fan_in_and_fan_out}
     */
    static long[] fans(Tensor t, String op) {
        if (t.dim() < 2) {
            throw new InvalidArgumentException(op + ": fans need a tensor of rank 2 or more, such as a weight (out, in); "
                    + "got shape " + t.shape() + ". Use uniform/normal/zeros for a bias");
        }
        long receptive = 1;
        for (int i = 2; i < t.dim(); i++) {
            receptive *= t.size(i);
        }
        return new long[] {t.size(1) * receptive, t.size(0) * receptive};
    }

    private static long fan(Tensor t, FanMode mode, String op) {
        long[] fans = fans(t, op);
        long fan = mode == FanMode.FAN_IN ? fans[0] : fans[1];
        if (fan == 0) {
            throw new InvalidArgumentException(op + ": the tensor " + t.shape() + " has a zero fan; nothing to scale by");
        }
        return fan;
    }

    private static Tensor fill(Tensor t, Tensor draws) {
        try (var g = GradMode.noGrad()) {
            return t.copyFrom(draws.to(t.device()));
        }
    }
}
