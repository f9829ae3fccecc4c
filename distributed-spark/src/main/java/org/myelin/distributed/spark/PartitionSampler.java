package org.myelin.distributed.spark;

import org.myelin.data.Sampler;

/**
 * A task's own partition, shuffled each epoch and padded by repeating its start to the longest
 * partition's length: every rank must take the same number of steps, or the last all-reduce of the
 * longest would wait for ranks that have stopped.
 */
final class PartitionSampler implements Sampler {
    private final Sampler permutation;
    private final int rows;
    private final int length;

    PartitionSampler(int rows, int length, long seed) {
        this.permutation = Sampler.shuffled(rows, seed);
        this.rows = rows;
        this.length = length;
    }

    @Override
    public int[] indices(long epoch) {
        int[] order = permutation.indices(epoch);
        int[] padded = new int[length];
        for (int k = 0; k < length; k++) {
            padded[k] = order[k % rows];
        }
        return padded;
    }

    @Override
    public long length() {
        return length;
    }
}
