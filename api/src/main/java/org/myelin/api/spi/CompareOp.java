package org.myelin.api.spi;

/** Elementwise comparisons; kernels write 1 where true and 0 where false. */
public enum CompareOp {
    /** a == b */
    EQ,
    /** a != b */
    NE,
    /** a &lt; b */
    LT,
    /** a &lt;= b */
    LE,
    /** a &gt; b */
    GT,
    /** a &gt;= b */
    GE;

    /**
     * @param a the left input
     * @param b the right input
     * @return whether the comparison holds
     */
    public boolean test(double a, double b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
        };
    }
}
