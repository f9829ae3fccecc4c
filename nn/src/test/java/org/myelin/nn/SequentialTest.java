package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.nn.Tensors.assertValues;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.api.AnomalyException;
import org.myelin.api.Device;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** Sequential: order, names, and plain api Layers that are not Modules. */
class SequentialTest {

    /** A plugin-style layer: y = s·x with a learnable scalar s, not a Module. */
    static final class Scale implements Layer {
        final Tensor s = Tensor.of(new float[] {2}).requiresGrad(true);
        boolean training = true;

        @Override
        public Tensor forward(Tensor input) {
            return input.mul(s);
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(s);
        }

        @Override
        public void setTraining(boolean training) {
            this.training = training;
        }
    }

    @Test
    void appliesLayersInOrder() {
        Sequential model = new Sequential(new Identity(), new ReLU(), new Scale());
        assertValues(model.forward(Tensor.of(new float[] {-1, 3})), new long[] {2}, new double[] {0, 6}, 0);
        assertEquals(3, model.size());
    }

    @Test
    void plainLayersShowTheirParametersAndTakeTheTrainingFlag() {
        Scale scale = new Scale();
        Sequential model = new Sequential(List.of(new Linear(2, 2), scale));
        assertSame(scale, model.get(1));
        assertEquals(List.of("0.weight", "0.bias", "1.param0"), List.copyOf(model.stateDict().keySet()));
        assertSame(scale.s, model.parameters().get(2));
        model.eval();
        assertFalse(scale.training);

        model.loadStateDict(Map.of("0.weight", Tensor.zeros(2, 2), "0.bias", Tensor.zeros(2),
                "1.param0", Tensor.of(new float[] {5})));
        assertEquals(5, scale.s.item(), 0, "loading reaches the plain layer's own tensor");
        assertSame(model, model.to(Device.CPU));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new Sequential(scale).to(Device.cuda(0)));
        assertTrue(e.getMessage().contains("not a Myelin Module"), e.getMessage());
    }

    @Test
    void gradientsReachThePlainLayer() {
        Scale scale = new Scale();
        new Sequential(scale).forward(Tensor.of(new float[] {1, 2, 3})).sum().backward();
        assertEquals(6, scale.s.grad().item(), 0);
    }

    @Test
    void badIndexAndNullLayer() {
        Sequential model = new Sequential(new ReLU());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> model.get(1));
        assertTrue(e.getMessage().contains("1 layers"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> new Sequential(new ReLU(), null));
    }

    @Test
    void emptySequentialIsTheIdentity() {
        Tensor x = Tensor.ones(2);
        assertSame(x, new Sequential().forward(x));
    }

    @Test
    void anomalyModeSaysWhichLayerAnOperatorSitsIn() {
        Linear inner = new Linear(2, 2);
        Sequential model = new Sequential(new Linear(2, 2), new Residual(new Sequential(new ReLU(), inner)));
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        try (var g = GradMode.noGrad()) {
            inner.weight().fill(Float.NaN); // as a diverged optimizer step leaves it
        }
        try (var a = GradMode.detectAnomaly()) {
            AnomalyException e = assertThrows(AnomalyException.class,
                    () -> model.forward(x));
            assertTrue(e.getMessage().contains("'linear' in module 1 (Residual) > 1 (Linear)")
                    && e.getMessage().contains("as input 1"), e.getMessage());
        }
        assertTrue(Float.isNaN(model.forward(x).toFloatArray()[0]), "outside anomaly mode the NaN flows on");
    }
}
