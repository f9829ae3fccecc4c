package org.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.myelin.api.Generator;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader.Batch;

class DataLoaderTest {

    /** 23 examples: input i is the row (i, -i), target i is i. */
    private static TensorDataset numbered(int n) {
        float[] inputs = new float[2 * n];
        long[] targets = new long[n];
        for (int i = 0; i < n; i++) {
            inputs[2 * i] = i;
            inputs[2 * i + 1] = -i;
            targets[i] = i;
        }
        return new TensorDataset(Tensor.of(inputs, n, 2), Tensor.of(targets, n));
    }

    /** The same examples behind the plain Dataset interface, to exercise the stacking path. */
    private static Dataset plain(TensorDataset inner) {
        return new Dataset() {
            @Override
            public long size() {
                return inner.size();
            }

            @Override
            public Example get(long index) {
                return inner.get(index);
            }
        };
    }

    /** The targets of one epoch, batch by batch. */
    private static List<long[]> epoch(DataLoader loader) {
        List<long[]> batches = new ArrayList<>();
        for (Batch batch : loader) {
            long[] targets = batch.targets().toLongArray();
            float[] inputs = batch.inputs().toFloatArray();
            assertArrayEquals(new long[] {targets.length, 2}, batch.inputs().shape().toArray());
            for (int i = 0; i < targets.length; i++) {
                assertEquals(targets[i], inputs[2 * i], "a batch's inputs and targets stay paired");
                assertEquals(-targets[i], inputs[2 * i + 1]);
            }
            batches.add(targets);
        }
        return batches;
    }

    private static long[] flatten(List<long[]> batches) {
        return batches.stream().flatMapToLong(Arrays::stream).toArray();
    }

    @Test
    void batchesInOrderWithAPartialLastBatch() {
        DataLoader loader = new DataLoader(numbered(23), 10);

        List<long[]> batches = epoch(loader);

        assertEquals(3, loader.numBatches());
        assertEquals(23, loader.size());
        assertEquals(List.of(10, 10, 3), batches.stream().map(b -> b.length).toList());
        assertArrayEquals(new long[] {20, 21, 22}, batches.get(2));
        assertArrayEquals(java.util.stream.LongStream.range(0, 23).toArray(), flatten(batches));
    }

    @Test
    void dropLastSkipsThePartialBatch() {
        DataLoader loader = new DataLoader(numbered(23), 10).dropLast(true);

        List<long[]> batches = epoch(loader);

        assertEquals(2, loader.numBatches());
        assertEquals(List.of(10, 10), batches.stream().map(b -> b.length).toList());
    }

    @Test
    void anExactMultipleHasNoPartialBatchEitherWay() {
        assertEquals(3, new DataLoader(numbered(30), 10).numBatches());
        assertEquals(3, new DataLoader(numbered(30), 10).dropLast(true).numBatches());
        assertEquals(1, new DataLoader(numbered(3), 10).numBatches());
        assertEquals(0, new DataLoader(numbered(3), 10).dropLast(true).numBatches());
    }

    @Test
    void shuffledEpochsVisitEveryExampleOnceInDifferentOrders() {
        DataLoader loader = new DataLoader(numbered(23), 4).shuffle(7);

        long[] first = flatten(epoch(loader));
        long[] second = flatten(epoch(loader));

        assertFalse(Arrays.equals(first, second), "each epoch draws a new order");
        assertFalse(Arrays.equals(first, java.util.stream.LongStream.range(0, 23).toArray()));
        assertArrayEquals(java.util.stream.LongStream.range(0, 23).toArray(), Arrays.stream(first).sorted().toArray());
        assertArrayEquals(java.util.stream.LongStream.range(0, 23).toArray(), Arrays.stream(second).sorted().toArray());
    }

    @Test
    void theSequenceOfEpochsIsReproducibleForASeed() {
        DataLoader a = new DataLoader(numbered(50), 8).shuffle(42);
        DataLoader b = new DataLoader(numbered(50), 8).shuffle(42);
        DataLoader other = new DataLoader(numbered(50), 8).shuffle(43);

        for (int epoch = 0; epoch < 3; epoch++) {
            long[] fromA = flatten(epoch(a));
            assertArrayEquals(fromA, flatten(epoch(b)), "epoch " + epoch);
            assertNotEquals(Arrays.toString(fromA), Arrays.toString(flatten(epoch(other))), "epoch " + epoch);
        }
    }

    @Test
    void loadersShuffledFromOneGeneratorDifferAndRepeatFromTheSameState() {
        Generator g = new Generator(9);
        long[] state = g.state();
        long[] a = flatten(epoch(new DataLoader(numbered(40), 8).shuffle(g)));
        long[] b = flatten(epoch(new DataLoader(numbered(40), 8).shuffle(g)));
        assertNotEquals(Arrays.toString(a), Arrays.toString(b), "each loader takes its own draw");
        g.setState(state);
        assertArrayEquals(a, flatten(epoch(new DataLoader(numbered(40), 8).shuffle(g))));
    }

    @Test
    void shuffledDropLastLeavesOutDifferentExamplesButNeverRepeats() {
        DataLoader loader = new DataLoader(numbered(23), 5).shuffle(1).dropLast(true);
        long[] seen = flatten(epoch(loader));
        assertEquals(20, seen.length);
        assertEquals(20, Arrays.stream(seen).distinct().count());
    }

    @Test
    void aPlainDatasetIsBatchedByStackingItsExamples() {
        TensorDataset inner = numbered(7);
        List<long[]> fast = epoch(new DataLoader(inner, 3).shuffle(5));
        List<long[]> stacked = epoch(new DataLoader(plain(inner), 3).shuffle(5));

        assertEquals(fast.size(), stacked.size());
        for (int i = 0; i < fast.size(); i++) {
            assertArrayEquals(fast.get(i), stacked.get(i));
        }
    }

    @Test
    void batchSizeMustBePositive() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new DataLoader(numbered(3), 0));
        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> new DataLoader(numbered(3), -4));
    }

    @Test
    void anExhaustedEpochSaysSo() {
        Iterator<Batch> batches = new DataLoader(numbered(2), 5).iterator();
        batches.next();
        assertFalse(batches.hasNext());
        assertThrows(NoSuchElementException.class, batches::next);
    }

    @Test
    void aHugeBatchSizeGivesOneBatch() {
        List<long[]> batches = epoch(new DataLoader(numbered(4), Integer.MAX_VALUE));
        assertEquals(1, batches.size());
        assertEquals(4, batches.get(0).length);
    }

    /** A sampler's rows are the epoch: here every other row, backwards, and a row past the end is an error. */
    @Test
    void aSamplerDecidesTheRowsAndTheirOrder() {
        TensorDataset data = numbered(10);
        Sampler evensBackwards = new Sampler() {
            @Override
            public int[] indices(long epoch) {
                return new int[] {8, 6, 4, 2, 0};
            }

            @Override
            public long length() {
                return 5;
            }
        };
        DataLoader loader = new DataLoader(data, 2).sampler(evensBackwards);
        assertEquals(3, loader.numBatches());
        List<Long> seen = new ArrayList<>();
        for (Batch b : loader) {
            for (long v : b.targets().toLongArray()) {
                seen.add(v);
            }
        }
        assertEquals(List.of(8L, 6L, 4L, 2L, 0L), seen);
        Sampler pastTheEnd = new Sampler() {
            @Override
            public int[] indices(long epoch) {
                return new int[] {10};
            }

            @Override
            public long length() {
                return 1;
            }
        };
        var e = assertThrows(InvalidArgumentException.class, () -> new DataLoader(data, 2).sampler(pastTheEnd).iterator());
        assertEquals("DataLoader: the sampler gave row 10, outside the dataset's 10 examples", e.getMessage());
    }

    @Test
    void aSamplerAndShuffleExcludeEachOther() {
        TensorDataset data = numbered(10);
        assertThrows(InvalidArgumentException.class, () -> new DataLoader(data, 2).shuffle(1).sampler(Sampler.sequential(10)));
        assertThrows(InvalidArgumentException.class, () -> new DataLoader(data, 2).sampler(Sampler.sequential(10)).shuffle(1));
    }

    /** shuffle(seed) walks Sampler.shuffled(size, seed): the orders a DistributedSampler deals out. */
    @Test
    void shuffleWalksTheShuffledSamplersOrders() {
        TensorDataset data = numbered(10);
        DataLoader loader = new DataLoader(data, 10).shuffle(7);
        for (long epoch = 0; epoch < 3; epoch++) {
            long[] got = loader.iterator().next().targets().toLongArray();
            int[] want = Sampler.shuffled(10, 7).indices(epoch);
            for (int i = 0; i < 10; i++) {
                assertEquals(want[i], got[i], "epoch " + epoch + ", row " + i);
            }
        }
    }
}
