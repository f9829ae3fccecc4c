package org.myelin.api;

/**
 * A source of random numbers, as PyTorch's {@code torch.Generator}: a seed and a count of the draws
 * handed out. Kernels turn (seed, draw number) into values with a counter-based generator (Philox),
 * so a seed gives the same numbers on every backend and any thread count.
 *
 * <p>Factories, initialisers, dropout and the data loader take one explicitly:
 * {@code Tensor.randn(gen, 3, 4)}, {@code new Linear(784, 30, true, gen)}. Without one they use the
 * current thread's default ({@link Tensor#manualSeed} seeds it), so two threads that seed and build
 * models at the same time get what they would get one after the other.
 */
public final class Generator {
    private long seed;
    private long draws;

    /** @param seed the seed */
    public Generator(long seed) {
        this.seed = seed;
    }

    /** @param newSeed the new seed; the draw count starts again at 0 */
    public synchronized void manualSeed(long newSeed) {
        seed = newSeed;
        draws = 0;
    }

    /** @return the seed in use */
    public synchronized long seed() {
        return seed;
    }

    /**
     * Reserves draws for one random fill.
     *
     * @param count how many numbers the fill takes
     * @return the seed and the number of the first draw, for the kernels
     */
    public synchronized long[] reserve(long count) {
        if (count < 0) {
            throw new InvalidArgumentException("a random fill cannot take " + count + " draws");
        }
        long first = draws;
        draws += count;
        return new long[] {seed, first};
    }

    /** @return the seed and the draws handed out so far: everything a checkpoint needs to continue the stream */
    public synchronized long[] state() {
        return new long[] {seed, draws};
    }

    /**
     * @param state a pair from {@link #state()}
     * @throws InvalidArgumentException when it is not a seed and a non-negative draw count
     */
    public synchronized void setState(long[] state) {
        if (state == null || state.length != 2 || state[1] < 0) {
            throw new InvalidArgumentException("a generator's state is its seed and a non-negative draw count");
        }
        seed = state[0];
        draws = state[1];
    }

    @Override
    public synchronized String toString() {
        return "Generator(seed " + seed + ", " + draws + " draws)";
    }
}
