package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.myelin.api.AutogradException;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.Device;
import org.myelin.api.DeviceMismatchException;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.TensorEngine;
import org.myelin.api.UnknownNameException;
import org.myelin.api.spi.Buffer;

/** Each mistake a user can make raises a MyelinException whose message says what and what to do. */
class UserMistakesTest {

    private static <T extends MyelinException> String expect(Class<T> type, Executable body, String... mentions) {
        T e = assertThrows(type, body);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "message should mention '" + m + "': " + e.getMessage());
        }
        return e.getMessage();
    }

    @Test
    void matmulShapesThatDoNotFit() {
        expect(ShapeMismatchException.class, () -> Tensor.ones(2, 3).matmul(Tensor.ones(4, 5)),
                "matmul", "[2, 3]", "[4, 5]", "Transpose");
    }

    @Test
    void aBroadcastThatFails() {
        expect(ShapeMismatchException.class, () -> Tensor.ones(2, 3).add(Tensor.ones(4)),
                "add", "[2, 3]", "[4]", "broadcast");
    }

    @Test
    void reshapeToTheWrongSize() {
        expect(ShapeMismatchException.class, () -> Tensor.ones(2, 3).reshape(4, 2),
                "reshape", "[2, 3]", "[4, 2]", "element counts must match");
    }

    @Test
    void backwardOnANonScalarWithoutAGradient() {
        Tensor x = Tensor.ones(2, 2).requiresGrad(true);
        expect(AutogradException.class, () -> x.mul(2).backward(), "[2, 2]", "backward(gradient)", "sum()");
    }

    @Test
    void aSecondBackwardOnAFreedGraph() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y = x.exp().sum();
        y.backward();
        expect(AutogradException.class, y::backward, "second time", "retainGraph");
    }

    @Test
    void changingASavedTensorInPlaceBeforeBackward() {
        Tensor a = Tensor.ones(3).requiresGrad(true);
        Tensor b = Tensor.full(2, 3);
        Tensor c = a.mul(b).sum();
        b.mulInPlace(5);
        expect(AutogradException.class, c::backward, "mul", "changed in place", "[3]", "version");
    }

    @Test
    void changingASavedOutputInPlaceUnderNoGrad() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor y = x.exp();
        try (var g = GradMode.noGrad()) {
            y.addInPlace(1);
        }
        expect(AutogradException.class, () -> y.sum().backward(), "exp", "changed in place");
    }

    @Test
    void inPlaceOnALeafThatRequiresGradWhileRecording() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        expect(AutogradException.class, () -> w.addInPlace(1), "addInPlace", "GradMode.noGrad()");
    }

    @Test
    void mixingDevices() {
        Tensor cpu = Tensor.ones(2);
        Tensor elsewhere = new ForeignDeviceTensor(cpu);
        expect(MyelinException.class, () -> cpu.add(elsewhere), "not made by the Myelin engine");
        Tensor a = Tensor.ones(2);
        expect(DeviceMismatchException.class,
                () -> MyelinEngine.checkSameDevice("add", EngineTensor.of(a), fakeCuda()), "add", "cpu", "cuda:0", ".to(");
    }

    private static EngineTensor fakeCuda() {
        Buffer buffer = new Buffer() {
            @Override public DType dtype() { return DType.FLOAT32; }
            @Override public long length() { return 2; }
            @Override public Device device() { return Device.cuda(0); }
        };
        return new EngineTensor(new Storage((MyelinEngine) TensorEngine.get(), buffer, Device.cuda(0)), 0, Shape.of(2),
                new long[] {1});
    }

    @Test
    void anUnknownOperatorName() {
        expect(UnknownNameException.class, () -> Tensor.apply("gelu_typo", Tensor.ones(1)), "gelu_typo", "Known operators");
    }

    @Test
    void requiresGradOnAnIntegerTensor() {
        expect(DTypeException.class, () -> Tensor.of(new long[] {1, 2}).requiresGrad(true), "INT64", "to(DType.FLOAT32)");
    }

    @Test
    void itemOnAnEmptyTensor() {
        String m = expect(InvalidArgumentException.class, () -> Tensor.zeros(0).item(), "item()", "[0]", "empty");
        assertTrue(m.contains("exactly one element"));
        expect(InvalidArgumentException.class, () -> Tensor.zeros(2).item(), "[2]", "sum()");
    }

    @Test
    void aBadAxisNamesTheRange() {
        expect(InvalidArgumentException.class, () -> Tensor.ones(2, 3).sum(2, false), "axis 2", "[-2, 1]");
    }

    @Test
    void ofWithTheWrongNumberOfValues() {
        expect(ShapeMismatchException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2), "3 values", "[2, 2]");
    }

    @Test
    void viewOfANonContiguousTensor() {
        expect(ShapeMismatchException.class, () -> Tensor.ones(2, 3).t().view(6), "view", "reshape()");
        assertEquals(6, Tensor.ones(2, 3).t().reshape(6).numel());
    }

    /** A tensor from some other engine, which Myelin's engine must refuse clearly. */
    private static final class ForeignDeviceTensor implements Tensor {
        private final Tensor inner;

        ForeignDeviceTensor(Tensor inner) {
            this.inner = inner;
        }

        @Override public Shape shape() { return inner.shape(); }
        @Override public DType dtype() { return inner.dtype(); }
        @Override public Device device() { return Device.cuda(0); }
        @Override public boolean isContiguous() { return true; }
        @Override public TensorEngine engine() { return inner.engine(); }
        @Override public Tensor requiresGrad(boolean r) { return this; }
        @Override public boolean requiresGrad() { return false; }
        @Override public Tensor grad() { return null; }
        @Override public void setGrad(Tensor g) {}
        @Override public Tensor retainGrad() { return this; }
        @Override public boolean isLeaf() { return true; }
        @Override public String gradFn() { return null; }
        @Override public Tensor detach() { return this; }
        @Override public long version() { return 0; }
        @Override public double[] toDoubleArray() { return new double[0]; }
        @Override public long[] toLongArray() { return new long[0]; }
    }
}
