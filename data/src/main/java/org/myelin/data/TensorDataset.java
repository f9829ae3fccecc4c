package org.myelin.data;

import java.util.Arrays;
import java.util.Objects;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader.Batch;

/**
 * A dataset held in memory as two tensors whose first dimension indexes the examples, as PyTorch's
 * {@code TensorDataset}: example {@code i} is {@code (inputs[i], targets[i])}.
 *
 * <p>The values are copied once into plain Java arrays, so {@link #batch(long[])} builds a batch
 * by copying rows, with no tensor per example: a training epoch over MNIST at batch size 10 makes
 * 6,000 pairs of batch tensors and nothing else.
 */
public final class TensorDataset implements Dataset {
    private final RowStore inputs;
    private final RowStore targets;

    /**
     * @param inputs  the inputs, shape [N, ...]
     * @param targets the targets, shape [N, ...]
     * @throws InvalidArgumentException if either is a scalar or their first dimensions differ
     */
    public TensorDataset(Tensor inputs, Tensor targets) {
        requireExampleAxis("inputs", inputs);
        requireExampleAxis("targets", targets);
        if (inputs.shape().size(0) != targets.shape().size(0)) {
            throw new InvalidArgumentException("TensorDataset: inputs of shape " + inputs.shape()
                    + " and targets of shape " + targets.shape() + " disagree on the number of examples (the first "
                    + "dimension); pass tensors whose first dimensions are equal");
        }
        this(RowStore.of(inputs), RowStore.of(targets));
    }

    /** Takes the stores as they are: the loaders of MNIST-style files build them without a tensor copy. */
    TensorDataset(RowStore inputs, RowStore targets) {
        if (inputs.rows() != targets.rows()) {
            throw new InvalidArgumentException("TensorDataset: inputs have " + inputs.rows()
                    + " examples but targets have " + targets.rows()
                    + "; pass tensors whose first dimensions are equal");
        }
        this.inputs = inputs;
        this.targets = targets;
    }

    private static void requireExampleAxis(String role, Tensor tensor) {
        Objects.requireNonNull(tensor, role);
        if (tensor.shape().rank() == 0) {
            throw new InvalidArgumentException("TensorDataset: " + role + " is a scalar; it needs a first "
                    + "dimension that indexes the examples, e.g. shape [N] or [N, features]");
        }
    }

    @Override
    public long size() {
        return inputs.rows();
    }

    @Override
    public Example get(long index) {
        int row = checkedIndex(index);
        return new Example(inputs.row(row), targets.row(row));
    }

    /**
     * Gathers examples into one batch without creating a tensor per example.
     *
     * @param indices the examples' positions, each in [0, size())
     * @return their inputs and targets stacked along a new first axis
     * @throws InvalidArgumentException if an index is out of range
     */
    public Batch batch(long[] indices) {
        int[] rows = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            rows[i] = checkedIndex(indices[i]);
        }
        return batchOfRows(rows);
    }

    /** The loader's path: the rows come from its own permutation and are known to be in range. */
    Batch batchOfRows(int[] rows) {
        return new Batch(inputs.gather(rows), targets.gather(rows));
    }

    /**
     * Splits the examples at random into two datasets, as PyTorch's {@code random_split}: the same
     * seed gives the same split.
     *
     * @param secondSize how many examples go to the second part (a validation set, say)
     * @param seed       the seed of the permutation
     * @return the two parts: {@code size() - secondSize} examples, then {@code secondSize}
     * @throws InvalidArgumentException when secondSize leaves either part empty
     */
    public TensorDataset[] randomSplit(long secondSize, long seed) {
        long n = size();
        if (secondSize <= 0 || secondSize >= n) {
            throw new InvalidArgumentException("TensorDataset.randomSplit: " + secondSize + " of " + n
                    + " examples leaves a part empty; split off between 1 and " + (n - 1));
        }
        int[] order = new int[(int) n];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int first = (int) (n - secondSize);
        Batch a = batchOfRows(Arrays.copyOfRange(order, 0, first));
        Batch b = batchOfRows(Arrays.copyOfRange(order, first, order.length));
        return new TensorDataset[] {new TensorDataset(a.inputs(), a.targets()), new TensorDataset(b.inputs(), b.targets())};
    }

    /**
     * The same examples with each input seen in another shape of the same size, such as MNIST's
     * flat 784 values as a (1, 28, 28) image for a convolution. Nothing is copied.
     *
     * @param sampleShape one example's input shape, without the batch axis
     * @return a dataset whose batches are [N, ...sampleShape]
     * @throws org.myelin.api.ShapeMismatchException when the sizes differ from the inputs'
     */
    public TensorDataset withInputShape(long... sampleShape) {
        return new TensorDataset(inputs.withRowShape(sampleShape), targets);
    }

    /** @return all inputs as one tensor, shape [N, ...] (a fresh copy) */
    public Tensor inputs() {
        return inputs.all();
    }

    /** @return all targets as one tensor, shape [N, ...] (a fresh copy) */
    public Tensor targets() {
        return targets.all();
    }

    /** @return the shape of all inputs, [N, ...] */
    public long[] inputShape() {
        return inputs.shape();
    }

    /** @return the shape of all targets, [N, ...] */
    public long[] targetShape() {
        return targets.shape();
    }

    private int checkedIndex(long index) {
        if (index < 0 || index >= inputs.rows()) {
            throw new InvalidArgumentException("TensorDataset: index " + index + " is out of range for "
                    + inputs.rows() + " examples; use 0 to " + (inputs.rows() - 1));
        }
        return (int) index;
    }

    @Override
    public String toString() {
        return "TensorDataset[inputs " + Arrays.toString(inputs.shape()) + " " + inputs.dtype()
                + ", targets " + Arrays.toString(targets.shape()) + " " + targets.dtype() + "]";
    }
}
