package org.myelin.api.spi;

/** The elementwise two-input primitives every backend implements. */
public enum BinaryOp {
    /** a + b */
    ADD,
    /** a - b */
    SUB,
    /** a * b */
    MUL,
    /** a / b */
    DIV,
    /** a raised to b */
    POW,
    /** the larger, NaN if either is NaN */
    MAXIMUM,
    /** the smaller, NaN if either is NaN */
    MINIMUM;

    /**
     * The reference definition of this primitive, in double precision.
     *
     * @param a the left input
     * @param b the right input
     * @return the output
     */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
        };
    }
}
