package org.myelin.testkit;

import java.util.SplittableRandom;

/** Where a conformance input's values come from: each op gets values inside its domain. */
@FunctionalInterface
interface Values {

    /** @param random the suite's generator @return the next value */
    double next(SplittableRandom random);

    /** @param low inclusive @param high exclusive @return uniform values */
    static Values uniform(double low, double high) {
        return r -> low + (high - low) * r.nextDouble();
    }

    /** @param low inclusive @param high inclusive @return whole numbers, which make ties likely */
    static Values integers(long low, long high) {
        return r -> r.nextLong(low, high + 1);
    }

    /** @param low the smallest magnitude @param high the largest @return values of random sign kept away from 0 */
    static Values awayFromZero(double low, double high) {
        return r -> (r.nextBoolean() ? 1 : -1) * (low + (high - low) * r.nextDouble());
    }

    /** @param first one source @param second another @return each value from either, at even odds */
    static Values either(Values first, Values second) {
        return r -> r.nextBoolean() ? first.next(r) : second.next(r);
    }

    /** @param base the usual values @param chance how often a NaN comes instead @return values with some NaN */
    static Values withNaN(Values base, double chance) {
        return r -> r.nextDouble() < chance ? Double.NaN : base.next(r);
    }
}
