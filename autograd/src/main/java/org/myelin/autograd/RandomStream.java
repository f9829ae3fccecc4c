package org.myelin.autograd;

/**
 * The engine's counter-based random stream: a seed and how many draws were handed out. Kernels
 * turn (seed, draw number) into values with Philox, so a seed gives the same numbers on every
 * backend and thread count.
 */
final class RandomStream {
    private long seed;
    private long draws;

    RandomStream(long seed) {
        this.seed = seed;
    }

    synchronized void seed(long newSeed) {
        seed = newSeed;
        draws = 0;
    }

    /** @return the seed and the first of {@code count} draw numbers, now reserved */
    synchronized long[] reserve(long count) {
        long first = draws;
        draws += count;
        return new long[] {seed, first};
    }
}
