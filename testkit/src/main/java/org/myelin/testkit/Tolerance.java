package org.myelin.testkit;

import org.myelin.api.DType;

/**
 * How far a candidate's element may be from the reference's:
 * {@code |actual - expected| <= abs + rel * |expected| + relToMax * max|expected|}. NaN must meet NaN
 * and an infinity the same infinity.
 *
 * <p>Why these numbers. The reference computes in double and rounds once, so a FLOAT64 candidate
 * differs only by its own rounding (a few ulps, ~1e-16 relative): 1e-12 leaves room for a different
 * but sound evaluation order and approximations to exp or log. A FLOAT32 candidate may compute in
 * float (ulp 6e-8); 1e-5 relative plus 1e-6 absolute covers a few ulps of elementwise math, including
 * results near 0 such as log(1 + tiny). Sums of K terms (matmul, reductions, scatter-add) gather
 * rounding error that grows like sqrt(K) for a pairwise or blocked order and like K for a naive one,
 * measured against the size of the terms rather than of the (maybe cancelled) result: so they allow
 * {@code c * sqrt(K)} times both the largest expected magnitude and the inputs' scale, with c = 1e-5
 * for FLOAT32 and 1e-11 for FLOAT64 (about 1e-9 at K = 10^4). Copies, selections, comparisons,
 * arg-reductions, max/min and random fills must match exactly.
 *
 * @param rel      allowed error relative to the expected element
 * @param abs      allowed absolute error
 * @param relToMax allowed error relative to the largest expected magnitude in the output
 */
record Tolerance(double rel, double abs, double relToMax) {

    /** Bit-for-bit agreement (NaN meeting NaN, and 0.0 meeting -0.0, still count as equal). */
    static final Tolerance EXACT = new Tolerance(0, 0, 0);

    /** @param dtype the output's type @return the tolerance of one rounded elementwise operation */
    static Tolerance elementwise(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> new Tolerance(1e-5, 1e-6, 0);
            case FLOAT64 -> new Tolerance(1e-12, 1e-12, 0);
            case INT64 -> EXACT;
        };
    }

    /**
     * @param dtype the output's type
     * @param terms how many terms each output sums
     * @param scale the magnitude of one term, such as max|a| * max|b| for a matmul
     * @return the tolerance of a sum of that many terms
     */
    static Tolerance accumulated(DType dtype, long terms, double scale) {
        double c = dtype == DType.FLOAT32 ? 1e-5 : 1e-11;
        double growth = c * Math.sqrt(Math.max(terms, 1));
        return new Tolerance(c, growth * Math.max(scale, 1e-30), growth);
    }

    /**
     * Softmax sums {@code terms} exponentials, so its relative error grows like a sum's; log-softmax
     * subtracts a max and a log-sum from each input, so its error is absolute, on the inputs' scale.
     *
     * @param dtype  the output's type
     * @param terms  the length of the normalised axis
     * @param log    true for log-softmax
     * @param maxAbs the largest input magnitude
     * @return the tolerance
     */
    static Tolerance softmax(DType dtype, long terms, boolean log, double maxAbs) {
        double c = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
        double growth = c * Math.sqrt(Math.max(terms, 1));
        return new Tolerance(growth, log ? growth * (1 + maxAbs) : c / 10, 0);
    }

    /** @return true when only equality passes */
    boolean isExact() {
        return rel == 0 && abs == 0 && relToMax == 0;
    }

    /**
     * @param expected the reference's element
     * @param actual   the candidate's element
     * @param maxAbs   the largest expected magnitude in the output
     * @return whether they agree
     */
    boolean accepts(double expected, double actual, double maxAbs) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return false;
        }
        return Math.abs(actual - expected) <= allowed(expected, maxAbs);
    }

    /** @param expected an element @param maxAbs the largest expected magnitude @return the allowed difference */
    double allowed(double expected, double maxAbs) {
        return abs + rel * Math.abs(expected) + relToMax * maxAbs;
    }
}
