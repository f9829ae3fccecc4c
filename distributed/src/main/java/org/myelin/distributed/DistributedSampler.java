package org.myelin.distributed;

import org.myelin.api.InvalidArgumentException;
import org.myelin.data.Sampler;

/**
 * Which examples each rank takes in an epoch, as PyTorch's {@code DistributedSampler}: one
 * permutation of the dataset per epoch, the same on every rank, padded by repeating its start to a
 * multiple of the world size, of which rank r takes positions r, r + worldSize, r + 2·worldSize,
 * and so on. The shards are disjoint but for the padding, and all of one size, so every rank takes
 * the same number of steps.
 *
 * <p>The permutation is {@link Sampler#shuffled}'s, the one {@code DataLoader.shuffle(seed)} walks.
 * So batch k of B/N rows on each of N ranks holds, between them, exactly batch k of B rows of one
 * process shuffled with the same seed: N ranks train as that one process does. Give it to
 * {@code DataLoader.sampler(...)}, which passes the epoch; or call {@link #setEpoch} and
 * {@link #indices()} yourself, as with PyTorch's.
 */
public final class DistributedSampler implements Sampler {
    private final Sampler permutation;
    private final int size;
    private final int rank;
    private final int world;
    private long epoch;

    /**
     * @param size      the dataset's examples
     * @param rank      this rank
     * @param worldSize how many ranks share the dataset
     * @param seed      the seed of the permutations, the same on every rank
     * @param shuffle   false keeps the dataset's order
     */
    public DistributedSampler(long size, int rank, int worldSize, long seed, boolean shuffle) {
        if (size < 1 || size > Integer.MAX_VALUE - 8 || worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new InvalidArgumentException("DistributedSampler: rank " + rank + " of " + worldSize + " over " + size
                    + " examples; ranks go from 0 to worldSize - 1, and the dataset needs at least one example");
        }
        this.size = (int) size;
        this.permutation = shuffle ? Sampler.shuffled(this.size, seed) : Sampler.sequential(this.size);
        this.rank = rank;
        this.world = worldSize;
    }

    /** @param epoch the epoch about to start; it picks the permutation of {@link #indices()} */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    /** @return how many examples each rank takes per epoch: size / worldSize, rounded up */
    public long numSamples() {
        return (size + (long) world - 1) / world;
    }

    @Override
    public long length() {
        return numSamples();
    }

    /** @return this rank's examples for the epoch last given to {@link #setEpoch}, in order */
    public int[] indices() {
        return indices(epoch);
    }

    @Override
    public int[] indices(long epochNumber) {
        int[] order = permutation.indices(epochNumber);
        int[] mine = new int[(int) numSamples()];
        for (int k = 0; k < mine.length; k++) {
            // Past the end, the permutation starts again: PyTorch's padding.
            mine[k] = order[(int) (((long) k * world + rank) % size)];
        }
        return mine;
    }
}
