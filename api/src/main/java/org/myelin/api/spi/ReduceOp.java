package org.myelin.api.spi;

/** Reductions over one or more axes. */
public enum ReduceOp {
    /** the sum; 0 over no elements */
    SUM,
    /** the arithmetic mean; NaN over no elements */
    MEAN,
    /** the largest value; NaN propagates */
    MAX,
    /** the smallest value; NaN propagates */
    MIN
}
