package org.myelin.ops.cpu.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.ops.cpu.reference.HostArrays.f32;
import static org.myelin.ops.cpu.reference.HostArrays.f64;
import static org.myelin.ops.cpu.reference.HostArrays.i64;
import static org.myelin.ops.cpu.reference.HostArrays.values;
import static org.myelin.ops.cpu.reference.HostArrays.zeros;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.Buffer;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Philox;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/** The reference backend against answers worked out by hand (or taken from PyTorch's documentation). */
class ReferenceBackendTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final Kernels k = backend.kernels();

    @Test
    void describesItselfAsTheLowestPriorityCpuBackend() {
        assertEquals("reference", backend.name());
        assertEquals("cpu", backend.deviceType());
        assertEquals(0, backend.priority());
        assertTrue(backend.unavailableReason().isEmpty());
    }

    @Test
    void isFoundByServiceLoader() {
        getClass().getModule().addUses(Backend.class);
        assertTrue(ServiceLoader.load(Backend.class).stream().anyMatch(p -> p.type() == ReferenceBackend.class));
    }

    @Test
    void uploadsCopiesAndDownloadsAPart() {
        double[] data = {1, 2, 3, 4};
        Buffer b = backend.upload(data, Device.CPU);
        data[0] = 99;
        assertArrayEquals(new double[] {1, 2, 3}, backend.download(b, 0, 3));
        assertArrayEquals(new double[] {2.5f, -7}, backend.download(backend.upload(new float[] {0, 2.5f, -7}, Device.CPU), 1, 2));
        assertArrayEquals(new double[] {0, 0}, backend.download(backend.allocate(DType.INT64, 2, Device.CPU), 0, 2));
        assertThrows(InvalidArgumentException.class, () -> backend.download(b, 2, 3));
    }

    @Test
    void matmulOfTwoByThreeAndThreeByTwo() {
        Strided a = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Strided b = f64(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        Strided out = zeros(DType.FLOAT64, 2, 2);
        k.matmul(a, b, out);
        // [1*7+2*9+3*11, 1*8+2*10+3*12; 4*7+5*9+6*11, 4*8+5*10+6*12]
        assertArrayEquals(new double[] {58, 64, 139, 154}, values(out));
    }

    @Test
    void matmulReadsATransposedOperandFromItsStrides() {
        // bT holds b = [[7,8],[9,10],[11,12]] as its transpose [[7,9,11],[8,10,12]].
        Strided a = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Strided b = new Strided(HeapBuffer.wrap(new double[] {7, 9, 11, 8, 10, 12}), 0, new long[] {3, 2}, new long[] {1, 3});
        Strided out = zeros(DType.FLOAT64, 2, 2);
        k.matmul(a, b, out);
        assertArrayEquals(new double[] {58, 64, 139, 154}, values(out));
    }

    @Test
    void batchedMatmulBroadcastsABatchByStrideZero() {
        Strided a = new Strided(HeapBuffer.wrap(new double[] {1, 2}), 0, new long[] {3, 1, 2}, new long[] {0, 2, 1});
        Strided b = f64(new double[] {1, 0, 0, 1, 2, 0, 0, 2, 1, 1, 1, 1}, 3, 2, 2);
        Strided out = zeros(DType.FLOAT64, 3, 1, 2);
        k.matmul(a, b, out);
        assertArrayEquals(new double[] {1, 2, 2, 4, 3, 3}, values(out));
    }

    @Test
    void softmaxOfOneTwoThree() {
        Strided x = f64(new double[] {1, 2, 3}, 3);
        Strided out = zeros(DType.FLOAT64, 3);
        ReductionKernels.INSTANCE.softmax(x, 0, out, false);
        assertArrayEquals(new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748219}, values(out), 1e-15);
        ReductionKernels.INSTANCE.softmax(x, 0, out, true);
        assertArrayEquals(new double[] {-2.4076059644443806, -1.4076059644443806, -0.4076059644443806}, values(out), 1e-15);
    }

    @Test
    void softmaxSurvivesInputsThatOverflowExp() {
        Strided x = f32(new float[] {1000, 1000}, 2);
        Strided out = zeros(DType.FLOAT32, 2);
        ReductionKernels.INSTANCE.softmax(x, 0, out, false);
        assertArrayEquals(new double[] {0.5, 0.5}, values(out));
    }

    @Test
    void reduceOverOneAxisKeepsItWithSizeOne() {
        Strided x = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Strided rowSums = zeros(DType.FLOAT64, 2, 1);
        k.reduce(ReduceOp.SUM, x, rowSums);
        assertArrayEquals(new double[] {6, 15}, values(rowSums));
        Strided columnMeans = zeros(DType.FLOAT64, 1, 3);
        k.reduce(ReduceOp.MEAN, x, columnMeans);
        assertArrayEquals(new double[] {2.5, 3.5, 4.5}, values(columnMeans));
        Strided max = zeros(DType.FLOAT64, 1, 1);
        k.reduce(ReduceOp.MAX, x, max);
        assertArrayEquals(new double[] {6}, values(max));
        k.reduce(ReduceOp.MIN, x, max);
        assertArrayEquals(new double[] {1}, values(max));
    }

    @Test
    void reduceOfNothingAndOfNaN() {
        Strided empty = zeros(DType.FLOAT64, 2, 0);
        Strided out = f64(new double[] {7, 7}, 2, 1);
        k.reduce(ReduceOp.SUM, empty, out);
        assertArrayEquals(new double[] {0, 0}, values(out));
        k.reduce(ReduceOp.MEAN, empty, out);
        assertTrue(Double.isNaN(values(out)[0]));
        assertThrows(InvalidArgumentException.class, () -> k.reduce(ReduceOp.MAX, empty, out));
        Strided withNaN = f64(new double[] {1, Double.NaN, 3}, 3);
        Strided one = zeros(DType.FLOAT64, 1);
        k.reduce(ReduceOp.MAX, withNaN, one);
        assertTrue(Double.isNaN(values(one)[0]));
        k.reduce(ReduceOp.MIN, withNaN, one);
        assertTrue(Double.isNaN(values(one)[0]));
    }

    @Test
    void argReducePicksTheFirstOfTies() {
        Strided x = f64(new double[] {3, 1, 3, 1, 2, 2}, 2, 3);
        Strided out = zeros(DType.INT64, 2, 1);
        k.argReduce(true, x, 1, out);
        assertArrayEquals(new double[] {0, 1}, values(out));
        k.argReduce(false, x, 1, out);
        assertArrayEquals(new double[] {1, 0}, values(out));
        Strided columns = zeros(DType.INT64, 1, 3);
        k.argReduce(true, x, 0, columns);
        assertArrayEquals(new double[] {0, 1, 0}, values(columns));
    }

    @Test
    void broadcastAddOfAColumnAndARow() {
        // [[1],[2]] + [10,20,30], both read through stride 0 on the axis they lack.
        Strided column = new Strided(HeapBuffer.wrap(new double[] {1, 2}), 0, new long[] {2, 3}, new long[] {1, 0});
        Strided row = new Strided(HeapBuffer.wrap(new double[] {10, 20, 30}), 0, new long[] {2, 3}, new long[] {0, 1});
        Strided out = zeros(DType.FLOAT64, 2, 3);
        k.binary(BinaryOp.ADD, column, row, out);
        assertArrayEquals(new double[] {11, 21, 31, 12, 22, 32}, values(out));
    }

    @Test
    void binaryWritesInPlaceWhenOutIsA() {
        Strided a = f32(new float[] {1, 2, 3}, 3);
        k.binaryScalar(BinaryOp.MUL, a, 2, a);
        k.binary(BinaryOp.SUB, a, f32(new float[] {1, 1, 1}, 3), a);
        assertArrayEquals(new double[] {1, 3, 5}, values(a));
    }

    @Test
    void maximumAndMinimumPropagateNaN() {
        Strided a = f64(new double[] {1, Double.NaN}, 2);
        Strided b = f64(new double[] {Double.NaN, 0}, 2);
        Strided out = zeros(DType.FLOAT64, 2);
        k.binary(BinaryOp.MAXIMUM, a, b, out);
        assertTrue(Double.isNaN(values(out)[0]) && Double.isNaN(values(out)[1]));
    }

    @Test
    void unaryOnASlicedView() {
        // Every other element of [-1, x, 4, x, -9], from offset 0 with stride 2.
        Strided x = new Strided(HeapBuffer.wrap(new double[] {-1, 100, 4, 100, -9}), 0, new long[] {3}, new long[] {2});
        Strided out = zeros(DType.FLOAT64, 3);
        k.unary(UnaryOp.ABS, x, out);
        assertArrayEquals(new double[] {1, 4, 9}, values(out));
        k.unary(UnaryOp.RELU, x, out);
        assertArrayEquals(new double[] {0, 4, 0}, values(out));
    }

    @Test
    void copyConvertsTypesAndTruncatesTowardZero() {
        Strided src = f64(new double[] {2.7, -2.7, 0.5, 1e10}, 4);
        Strided ints = zeros(DType.INT64, 4);
        k.copy(src, ints);
        assertArrayEquals(new long[] {2, -2, 0, 10_000_000_000L}, HeapBuffer.of(ints.buffer()).longs());
        Strided floats = zeros(DType.FLOAT32, 4);
        k.copy(ints, floats);
        assertArrayEquals(new float[] {2, -2, 0, 1e10f}, HeapBuffer.of(floats.buffer()).floats());
    }

    @Test
    void fillArangeAndScalars() {
        Strided scalar = zeros(DType.FLOAT32);
        k.fill(scalar, 2.5);
        assertArrayEquals(new double[] {2.5}, values(scalar));
        Strided ints = zeros(DType.INT64, 3);
        k.fill(ints, -1.9);
        assertArrayEquals(new double[] {-1, -1, -1}, values(ints));
        Strided range = zeros(DType.FLOAT64, 4);
        k.arange(range, 1, 0.5);
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, values(range));
        Strided nothing = zeros(DType.FLOAT64, 0, 3);
        k.unary(UnaryOp.EXP, nothing, nothing);
        k.fill(nothing, 1);
    }

    @Test
    void compareWritesOnesAndZerosOfTheOutputsType() {
        Strided a = i64(new long[] {1, 2, 3}, 3);
        Strided b = i64(new long[] {2, 2, 2}, 3);
        Strided out = zeros(DType.FLOAT32, 3);
        k.compare(CompareOp.GE, a, b, out);
        assertArrayEquals(new double[] {0, 1, 1}, values(out));
        Strided asInts = zeros(DType.INT64, 3);
        k.compare(CompareOp.EQ, a, b, asInts);
        assertArrayEquals(new double[] {0, 1, 0}, values(asInts));
    }

    @Test
    void wherePicksAWhereTheConditionIsNonZero() {
        Strided condition = i64(new long[] {1, 0, 5}, 3);
        Strided out = zeros(DType.FLOAT64, 3);
        k.where(condition, f64(new double[] {1, 2, 3}, 3), f64(new double[] {-1, -2, -3}, 3), out);
        assertArrayEquals(new double[] {1, -2, 3}, values(out));
    }

    @Test
    void gatherAsInThePyTorchDocumentation() {
        // torch.gather(torch.tensor([[1, 2], [3, 4]]), 1, torch.tensor([[0, 0], [1, 0]])) == [[1, 1], [4, 3]]
        Strided t = f64(new double[] {1, 2, 3, 4}, 2, 2);
        Strided out = zeros(DType.FLOAT64, 2, 2);
        k.gather(t, 1, i64(new long[] {0, 0, 1, 0}, 2, 2), out);
        assertArrayEquals(new double[] {1, 1, 4, 3}, values(out));
    }

    @Test
    void scatterAddAsInThePyTorchDocumentation() {
        // torch.zeros(3, 5).scatter_add_(0, torch.tensor([[0, 1, 2, 0, 0]]), torch.ones(2, 5))
        Strided out = zeros(DType.FLOAT32, 3, 5);
        Strided src = f32(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 2, 5);
        k.scatterAdd(out, 0, i64(new long[] {0, 1, 2, 0, 0}, 1, 5), src);
        assertArrayEquals(new double[] {1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0}, values(out));
        // ... with index [[0, 1, 2, 0, 0], [1, 2, 0, 0, 0]], onto that result
        k.scatterAdd(out, 0, i64(new long[] {0, 1, 2, 0, 0, 1, 2, 0, 0, 0}, 2, 5), src);
        assertArrayEquals(new double[] {2, 0, 1, 3, 3, 1, 2, 0, 0, 0, 0, 1, 2, 0, 0}, values(out));
    }

    @Test
    void outOfRangeIndicesAreRejectedBeforeAnythingIsWritten() {
        Strided x = f64(new double[] {1, 2, 3, 4}, 2, 2);
        Strided out = f64(new double[] {9, 9}, 2, 1);
        var e = assertThrows(InvalidArgumentException.class, () -> k.gather(x, 1, i64(new long[] {0, 5}, 2, 1), out));
        assertTrue(e.getMessage().contains("index 5") && e.getMessage().contains("axis 1")
                && e.getMessage().contains("size 2"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> k.scatterAdd(out, 0, i64(new long[] {0, -1}, 2, 1), x));
        assertArrayEquals(new double[] {9, 9}, values(out));
    }

    @Test
    void sgdWithMomentumTwoStepsByHand() {
        Strided p = f64(new double[] {1}, 1);
        Strided buf = zeros(DType.FLOAT64, 1);
        OptimizerKernels.INSTANCE.sgdStep(p, f64(new double[] {0.5}, 1), buf, 0.1, 0.9, 0, 0, false, true);
        // buf = g = 0.5; p = 1 - 0.1 * 0.5
        assertArrayEquals(new double[] {0.95}, values(p), 1e-15);
        OptimizerKernels.INSTANCE.sgdStep(p, f64(new double[] {0.2}, 1), buf, 0.1, 0.9, 0, 0, false, false);
        // buf = 0.9 * 0.5 + 0.2 = 0.65; p = 0.95 - 0.1 * 0.65
        assertArrayEquals(new double[] {0.65}, values(buf), 1e-15);
        assertArrayEquals(new double[] {0.885}, values(p), 1e-15);
    }

    @Test
    void sgdWithNesterovDampeningAndWeightDecayByHand() {
        Strided p = f64(new double[] {2}, 1);
        Strided buf = f64(new double[] {1}, 1);
        OptimizerKernels.INSTANCE.sgdStep(p, f64(new double[] {0.5}, 1), buf, 0.1, 0.9, 0.5, 0.25, true, false);
        // g = 0.5 + 0.25 * 2 = 1; buf = 0.9 * 1 + 0.5 * 1 = 1.4; g = 1 + 0.9 * 1.4 = 2.26; p = 2 - 0.226
        assertArrayEquals(new double[] {1.4}, values(buf), 1e-15);
        assertArrayEquals(new double[] {1.774}, values(p), 1e-15);
        Strided plain = f64(new double[] {2}, 1);
        OptimizerKernels.INSTANCE.sgdStep(plain, f64(new double[] {0.5}, 1), null, 0.1, 0, 0, 0, false, true);
        assertArrayEquals(new double[] {1.95}, values(plain), 1e-15);
    }

    @Test
    void adamAndAdamWByHand() {
        Strided p = f64(new double[] {1}, 1);
        Strided m = zeros(DType.FLOAT64, 1);
        Strided v = zeros(DType.FLOAT64, 1);
        OptimizerKernels.INSTANCE.adamStep(p, f64(new double[] {0.5}, 1), m, v, 0.1, 0.9, 0.999, 1e-8, 0, false, 1);
        // m = 0.05, v = 0.00025; bias-corrected they are 0.5 and 0.25, so p = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
        assertArrayEquals(new double[] {0.05}, values(m), 1e-15);
        assertArrayEquals(new double[] {0.00025}, values(v), 1e-15);
        assertArrayEquals(new double[] {1 - 0.05 / (0.5 + 1e-8)}, values(p), 1e-15);

        Strided w = f64(new double[] {1}, 1);
        OptimizerKernels.INSTANCE.adamStep(w, f64(new double[] {0.5}, 1), zeros(DType.FLOAT64, 1), zeros(DType.FLOAT64, 1),
                0.1, 0.9, 0.999, 1e-8, 0.5, true, 1);
        // AdamW first shrinks p by 1 - lr * wd = 0.95
        assertArrayEquals(new double[] {0.95 - 0.05 / (0.5 + 1e-8)}, values(w), 1e-15);
        Strided l2 = f64(new double[] {1}, 1);
        OptimizerKernels.INSTANCE.adamStep(l2, f64(new double[] {0.5}, 1), zeros(DType.FLOAT64, 1), zeros(DType.FLOAT64, 1),
                0.1, 0.9, 0.999, 1e-8, 0.5, false, 1);
        // Adam's L2 term makes g = 0.5 + 0.5 * 1 = 1
        assertArrayEquals(new double[] {1 - 0.1 / (1 + 1e-8)}, values(l2), 1e-15);
    }

    @Test
    void randomFillsFollowPhiloxDrawNumbers() {
        long seed = 1234;
        Strided a = zeros(DType.FLOAT64, 2, 3);
        k.randomUniform(a, seed, 10, -1, 1);
        double[] first = values(a);
        for (int i = 0; i < 6; i++) {
            assertEquals(-1 + 2 * Philox.uniformDouble(seed, 10 + i), first[i]);
        }
        Strided again = zeros(DType.FLOAT64, 2, 3);
        k.randomUniform(again, seed, 10, -1, 1);
        assertArrayEquals(first, values(again));
        // Draw numbers follow the logical order, so a transposed output holds the transposed numbers.
        Strided transposed = new Strided(HeapBuffer.allocate(DType.FLOAT64, 6), 0, new long[] {2, 3}, new long[] {1, 2});
        k.randomUniform(transposed, seed, 10, -1, 1);
        assertArrayEquals(first, values(transposed));
        Strided floats = zeros(DType.FLOAT32, 4);
        k.randomNormal(floats, seed, 7, 2, 0.5);
        for (int i = 0; i < 4; i++) {
            assertEquals((float) (2 + 0.5 * Philox.normal(seed, 7 + i)), (float) values(floats)[i]);
        }
        Strided single = zeros(DType.FLOAT32, 1);
        k.randomUniform(single, seed, 3, 0, 1);
        assertEquals(Philox.uniformFloat(seed, 3), (float) values(single)[0]);
    }
}
