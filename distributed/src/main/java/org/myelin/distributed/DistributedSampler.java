package org.myelin.distributed;

import java.util.SplittableRandom;
import org.myelin.api.InvalidArgumentException;

/**
 * Which examples each rank takes in an epoch, as PyTorch's {@code DistributedSampler}: one
 * permutation of the dataset per epoch (from {@code seed + epoch}, the same on every rank), padded
 * by repeating its start to a multiple of the world size, of which rank r takes positions r,
 * r + worldSize, r + 2·worldSize, and so on. The shards are disjoint but for the padding, and all
 * of one size, so every rank takes the same number of steps. Feed them to
 * {@code TensorDataset.batch(indices)} a batch at a time; call {@link #setEpoch} before each epoch.
 */
public final class DistributedSampler {
    private final long size;
    private final int rank;
    private final int world;
    private final long seed;
    private final boolean shuffle;
    private long epoch;

    /**
     * @param size      the dataset's examples
     * @param rank      this rank
     * @param worldSize how many ranks share the dataset
     * @param seed      the seed of the permutations, the same on every rank
     * @param shuffle   false keeps the dataset's order
     */
    public DistributedSampler(long size, int rank, int worldSize, long seed, boolean shuffle) {
        if (size < 1 || size > Integer.MAX_VALUE || worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new InvalidArgumentException("DistributedSampler: rank " + rank + " of " + worldSize + " over " + size
                    + " examples; ranks go from 0 to worldSize - 1, and the dataset needs at least one example");
        }
        this.size = size;
        this.rank = rank;
        this.world = worldSize;
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /** @param epoch the epoch about to start; it picks the permutation */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    /** @return how many examples each rank takes per epoch: size / worldSize, rounded up */
    public long numSamples() {
        return (size + world - 1) / world;
    }

    /** @return this rank's examples for the current epoch, in order */
    public long[] indices() {
        int n = (int) size;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        long[] mine = new long[(int) numSamples()];
        for (int k = 0; k < mine.length; k++) {
            // Past the end, the permutation starts again: PyTorch's padding.
            mine[k] = order[(int) (((long) k * world + rank) % n)];
        }
        return mine;
    }
}
