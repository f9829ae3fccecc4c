package org.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader.Batch;

class TensorDatasetTest {

    /** Inputs [5, 2] with rows (10i, 10i + 1); targets [5] with values 100 + i. */
    static TensorDataset fiveRows() {
        float[] inputs = new float[10];
        long[] targets = new long[5];
        for (int i = 0; i < 5; i++) {
            inputs[2 * i] = 10 * i;
            inputs[2 * i + 1] = 10 * i + 1;
            targets[i] = 100 + i;
        }
        return new TensorDataset(Tensor.of(inputs, 5, 2), Tensor.of(targets, 5));
    }

    @Test
    void getReturnsOneRowAndItsTarget() {
        Dataset.Example example = fiveRows().get(3);

        assertArrayEquals(new long[] {2}, example.input().shape().toArray());
        assertArrayEquals(new float[] {30, 31}, example.input().toFloatArray());
        assertEquals(0, example.target().shape().rank());
        assertEquals(103, example.target().item());
        assertEquals(DType.INT64, example.target().dtype());
    }

    @Test
    void batchGathersRowsInTheOrderAsked() {
        Batch batch = fiveRows().batch(new long[] {4, 0, 4});

        assertArrayEquals(new long[] {3, 2}, batch.inputs().shape().toArray());
        assertArrayEquals(new float[] {40, 41, 0, 1, 40, 41}, batch.inputs().toFloatArray());
        assertArrayEquals(new long[] {104, 100, 104}, batch.targets().toLongArray());
        assertEquals(3, batch.size());
    }

    @Test
    void keepsDoubleInputsAndHigherRankRows() {
        double[] values = new double[2 * 2 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        TensorDataset dataset = new TensorDataset(Tensor.of(values, 2, 2, 3), Tensor.of(new float[] {0.5f, 1.5f}, 2));

        Batch batch = dataset.batch(new long[] {1});

        assertEquals(DType.FLOAT64, batch.inputs().dtype());
        assertArrayEquals(new long[] {1, 2, 3}, batch.inputs().shape().toArray());
        assertArrayEquals(new double[] {6, 7, 8, 9, 10, 11}, batch.inputs().toDoubleArray());
        assertArrayEquals(new float[] {1.5f}, batch.targets().toFloatArray());
        assertArrayEquals(new long[] {2, 2, 3}, dataset.inputShape());
        assertArrayEquals(values, dataset.inputs().toDoubleArray());
    }

    @Test
    void firstDimensionsMustAgree() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(5, 2), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("first dimension"), e.getMessage());
        assertTrue(e.getMessage().contains("[5, 2]"), e.getMessage());
        assertTrue(e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void scalarsAreRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new TensorDataset(Tensor.scalar(1), Tensor.zeros(1)));
        assertTrue(e.getMessage().contains("inputs is a scalar"), e.getMessage());
    }

    @Test
    void indicesOutOfRangeAreRefused() {
        TensorDataset dataset = fiveRows();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> dataset.get(5));
        assertTrue(e.getMessage().contains("index 5 is out of range for 5 examples"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> dataset.batch(new long[] {0, -1}));
    }

    @Test
    void aRandomSplitKeepsEveryExampleOnceAndRepeatsForASeed() {
        long[] labels = new long[50];
        float[] x = new float[50];
        for (int i = 0; i < 50; i++) {
            labels[i] = i;
            x[i] = i;
        }
        TensorDataset all = new TensorDataset(Tensor.of(x, 50, 1), Tensor.of(labels, 50));
        TensorDataset[] parts = all.randomSplit(10, 3);
        assertEquals(40, parts[0].size());
        assertEquals(10, parts[1].size());
        long[] seen = new long[50];
        for (TensorDataset part : parts) {
            long[] t = part.targets().toLongArray();
            float[] in = part.inputs().toFloatArray();
            for (int i = 0; i < t.length; i++) {
                seen[(int) t[i]]++;
                assertEquals(t[i], (long) in[i], "an input stays with its target");
            }
        }
        for (long count : seen) {
            assertEquals(1, count);
        }
        assertArrayEquals(parts[1].targets().toLongArray(), all.randomSplit(10, 3)[1].targets().toLongArray());
        assertTrue(!java.util.Arrays.equals(parts[1].targets().toLongArray(), all.randomSplit(10, 4)[1].targets().toLongArray()));
        assertThrows(InvalidArgumentException.class, () -> all.randomSplit(50, 3));
    }

    @Test
    void inputsCanBeSeenInAnotherShapeWithoutACopy() {
        TensorDataset images = fiveRows().withInputShape(1, 2, 1);
        Batch b = images.batch(new long[] {4, 0});
        assertArrayEquals(new long[] {2, 1, 2, 1}, b.inputs().shape().toArray());
        assertArrayEquals(new float[] {40, 41, 0, 1}, b.inputs().toFloatArray());
        assertArrayEquals(new long[] {104, 100}, b.targets().toLongArray());
        assertArrayEquals(new long[] {5, 1, 2, 1}, images.inputShape());
        assertArrayEquals(new long[] {1, 2, 1}, images.get(2).input().shape().toArray());
        var e = assertThrows(org.myelin.api.ShapeMismatchException.class, () -> fiveRows().withInputShape(3));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> fiveRows().withInputShape(2, 0));
    }
}
