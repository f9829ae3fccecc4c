package org.myelin.api.spi;

/** The elementwise one-input primitives every backend implements. */
public enum UnaryOp {
    /** -x */
    NEG,
    /** |x| */
    ABS,
    /** -1, 0 or 1 */
    SIGN,
    /** x * x */
    SQUARE,
    /** the square root */
    SQRT,
    /** 1 / x */
    RECIPROCAL,
    /** e^x */
    EXP,
    /** the natural logarithm */
    LOG,
    /** log(1 + x), accurate near 0 */
    LOG1P,
    /** 1 / (1 + e^-x) */
    SIGMOID,
    /** the hyperbolic tangent */
    TANH,
    /** max(x, 0) */
    RELU,
    /** log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) */
    SOFTPLUS;

    /**
     * The reference definition of this primitive, in double precision; backends must agree with it
     * within rounding.
     *
     * @param x the input
     * @return the output
     */
    public double apply(double x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case SQUARE -> x * x;
            case SQRT -> Math.sqrt(x);
            case RECIPROCAL -> 1.0 / x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case SIGMOID -> x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            case TANH -> Math.tanh(x);
            case RELU -> x > 0 || Double.isNaN(x) ? x : 0.0;
            case SOFTPLUS -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        };
    }
}
