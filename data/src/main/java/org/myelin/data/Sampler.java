package org.myelin.data;

import java.util.SplittableRandom;

/**
 * Which examples an epoch visits, and in which order, as PyTorch's {@code Sampler}: what a
 * {@link DataLoader} walks when given one ({@link DataLoader#sampler(Sampler)}), for example a
 * distributed sampler that gives each rank its own shard.
 */
public interface Sampler {
    /** Spreads consecutive epoch numbers far apart in seed space (the 64-bit golden ratio). */
    long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

    /**
     * @param epoch the epoch, counted from 0
     * @return the dataset rows that epoch visits, in order; always {@link #length()} of them
     */
    int[] indices(long epoch);

    /** @return how many rows each epoch visits */
    long length();

    /**
     * @param size the dataset's examples
     * @return 0, 1, ..., size - 1 in every epoch
     */
    static Sampler sequential(int size) {
        return new Sampler() {
            @Override
            public int[] indices(long epoch) {
                int[] order = new int[size];
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                }
                return order;
            }

            @Override
            public long length() {
                return size;
            }
        };
    }

    /**
     * The orders {@link DataLoader#shuffle(long)} visits: epoch {@code e} is a Fisher-Yates
     * permutation drawn from a generator seeded by {@code seed + e * EPOCH_STRIDE}.
     *
     * @param size the dataset's examples
     * @param seed the seed of the sequence of orders
     * @return a new permutation each epoch, the same for the same seed and epoch
     */
    static Sampler shuffled(int size, long seed) {
        Sampler identity = sequential(size);
        return new Sampler() {
            @Override
            public int[] indices(long epoch) {
                int[] order = identity.indices(epoch);
                SplittableRandom random = new SplittableRandom(seed + epoch * EPOCH_STRIDE);
                for (int i = size - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
                return order;
            }

            @Override
            public long length() {
                return size;
            }
        };
    }
}
