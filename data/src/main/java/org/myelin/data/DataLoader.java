package org.myelin.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.myelin.api.Generator;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/**
 * Walks a dataset in mini-batches, as PyTorch's {@code DataLoader}: each {@link #iterator()} is one
 * epoch that visits every example exactly once.
 *
 * <pre>{@code
 * var loader = new DataLoader(train, 10).shuffle(42).dropLast(false);
 * for (int epoch = 0; epoch < 30; epoch++) {
 *     for (Batch batch : loader) { ... batch.inputs() ... batch.targets() ... }
 * }
 * }</pre>
 *
 * <p>With {@link #shuffle(long)}, each epoch visits the examples in a new order, and the sequence of
 * orders is the same for the same seed: epoch {@code e} is a Fisher-Yates permutation drawn from a
 * generator seeded by the seed and {@code e}. A {@link TensorDataset} is batched by copying rows, with
 * no tensor per example; any other dataset is batched by stacking its examples.
 *
 * <p>The loader counts the epochs it has started, so it is meant for one training loop at a time.
 */
public final class DataLoader implements Iterable<DataLoader.Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private Sampler sampler;
    private boolean customSampler;
    private boolean shuffled;
    private boolean dropLast;
    private long epoch;

    /**
     * @param dataset   the examples
     * @param batchSize how many examples each batch holds (the last may hold fewer)
     * @throws InvalidArgumentException if {@code batchSize} is not positive or the dataset is too large
     */
    public DataLoader(Dataset dataset, int batchSize) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        if (batchSize <= 0) {
            throw new InvalidArgumentException("DataLoader: batch size " + batchSize + " must be positive");
        }
        if (dataset.size() > Integer.MAX_VALUE - 8) {
            throw new InvalidArgumentException("DataLoader: a dataset of " + dataset.size()
                    + " examples is more than one epoch's index array holds; split it into smaller datasets");
        }
        this.batchSize = batchSize;
        this.sampler = Sampler.sequential((int) dataset.size());
    }

    /**
     * Visits the examples in a new random order each epoch, reproducibly for a seed.
     *
     * @param seed the seed of the sequence of orders
     * @return this loader
     */
    public DataLoader shuffle(long seed) {
        if (customSampler) {
            throw new InvalidArgumentException("DataLoader: a sampler and shuffle(seed) exclude each other, as in PyTorch; "
                    + "leave shuffle out, since the sampler decides the order");
        }
        this.sampler = Sampler.shuffled((int) dataset.size(), seed);
        this.shuffled = true;
        return this;
    }

    /**
     * As {@link #shuffle(long)}, the sequence of orders seeded from a generator (its seed, and the
     * number of draws it has handed out, so two loaders shuffled from one generator differ).
     *
     * @param generator the generator; one draw is taken from it
     * @return this loader
     */
    public DataLoader shuffle(Generator generator) {
        long[] draw = generator.reserve(1);
        return shuffle(draw[0] * 0x9E3779B97F4A7C15L + draw[1]);
    }

    /**
     * Walks the rows a sampler gives each epoch instead of the whole dataset, as PyTorch's
     * {@code DataLoader(sampler=...)}. As there, a sampler and {@link #shuffle(long)} exclude each other.
     *
     * @param sampler the rows of each epoch, all below the dataset's size
     * @return this loader
     */
    public DataLoader sampler(Sampler sampler) {
        if (shuffled) {
            throw new InvalidArgumentException("DataLoader: a sampler and shuffle(seed) exclude each other, as in PyTorch; "
                    + "leave shuffle out, since the sampler decides the order");
        }
        if (sampler.length() < 0 || sampler.length() > Integer.MAX_VALUE - 8) {
            throw new InvalidArgumentException("DataLoader: a sampler of " + sampler.length()
                    + " rows per epoch is more than one epoch's index array holds");
        }
        this.sampler = sampler;
        this.customSampler = true;
        return this;
    }

    /**
     * @param dropLast true to skip a last batch smaller than the batch size, as PyTorch's drop_last
     * @return this loader
     */
    public DataLoader dropLast(boolean dropLast) {
        this.dropLast = dropLast;
        return this;
    }

    /** @return the number of batches in one epoch */
    public long numBatches() {
        long n = sampler.length();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** @return the number of examples in the dataset (an epoch visits its sampler's rows; with dropLast, it skips the last few) */
    public long size() {
        return dataset.size();
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the dataset this loader walks */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * Starts the next epoch.
     *
     * @return the batches of one epoch, in this epoch's order
     */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = order(epoch++);
        return new EpochIterator(order, (int) numBatches());
    }

    /**
     * The batches of one given epoch, from a given batch on, without touching the epoch count: how a
     * resumed run continues in the middle of an epoch, in the order the interrupted one had.
     *
     * @param epochNumber the epoch, counted from 0
     * @param firstBatch  the first batch to give, from 0 to {@link #numBatches()}
     * @return the rest of that epoch's batches
     * @throws InvalidArgumentException when either is out of range
     */
    public Iterator<Batch> iterator(long epochNumber, long firstBatch) {
        if (epochNumber < 0 || firstBatch < 0 || firstBatch > numBatches()) {
            throw new InvalidArgumentException("DataLoader: epoch " + epochNumber + ", batch " + firstBatch
                    + " is not a place in an epoch of " + numBatches() + " batches");
        }
        EpochIterator batches = new EpochIterator(order(epochNumber), (int) numBatches());
        batches.next = (int) firstBatch;
        return batches;
    }

    /** @return the number of epochs {@link #iterator()} has started, which is the next epoch's number */
    public long epoch() {
        return epoch;
    }

    /**
     * Sets the number of the epoch {@link #iterator()} starts next, as PyTorch's
     * {@code DistributedSampler.set_epoch}: how a resumed run gets the orders the first run would have.
     *
     * @param epochNumber the next epoch, counted from 0
     * @return this loader
     */
    public DataLoader setEpoch(long epochNumber) {
        if (epochNumber < 0) {
            throw new InvalidArgumentException("DataLoader: epoch " + epochNumber + " must not be negative");
        }
        this.epoch = epochNumber;
        return this;
    }

    /** The visiting order of one epoch, checked against the dataset, since a sampler may be anyone's. */
    private int[] order(long epochNumber) {
        int[] order = sampler.indices(epochNumber);
        long n = dataset.size();
        if (order.length != sampler.length()) {
            throw new InvalidArgumentException("DataLoader: the sampler gave " + order.length + " rows for epoch "
                    + epochNumber + " but says it gives " + sampler.length());
        }
        for (int row : order) {
            if (row < 0 || row >= n) {
                throw new InvalidArgumentException("DataLoader: the sampler gave row " + row + ", outside the dataset's "
                        + n + " examples");
            }
        }
        return order;
    }

    private Batch load(int[] rows) {
        if (dataset instanceof TensorDataset tensors) {
            return tensors.batchOfRows(rows);
        }
        List<Tensor> inputs = new ArrayList<>(rows.length);
        List<Tensor> targets = new ArrayList<>(rows.length);
        for (int row : rows) {
            Dataset.Example example = dataset.get(row);
            inputs.add(example.input().unsqueeze(0));
            targets.add(example.target().unsqueeze(0));
        }
        return new Batch(Tensor.cat(0, inputs), Tensor.cat(0, targets));
    }

    /** One epoch's batches: consecutive slices of the epoch's order. */
    private final class EpochIterator implements Iterator<Batch> {
        private final int[] order;
        private final int batches;
        private int next;

        EpochIterator(int[] order, int batches) {
            this.order = order;
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("DataLoader: this epoch's " + batches + " batches are all used");
            }
            int start = next * batchSize;
            int end = (int) Math.min((long) start + batchSize, order.length);
            int[] rows = new int[end - start];
            System.arraycopy(order, start, rows, 0, rows.length);
            next++;
            return load(rows);
        }
    }

    /**
     * A mini-batch: the inputs of some examples stacked along a new first axis, and their targets
     * stacked the same way.
     *
     * @param inputs  the inputs, shape [batch, ...]
     * @param targets the targets, shape [batch, ...]
     */
    public record Batch(Tensor inputs, Tensor targets) {

        /** @return the number of examples in this batch: the inputs' first dimension */
        public long size() {
            return inputs.shape().size(0);
        }
    }
}
