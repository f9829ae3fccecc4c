package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.nn.Tensors.assertValues;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/** Residual blocks in both of the course's forms, by hand. */
class ResidualTest {

    @Test
    void addsTheInputToTheBranch() {
        Linear r = new Linear(2, 2);
        r.loadStateDict(Map.of("weight", Tensor.of(new float[] {1, 0, 0, 2}, 2, 2), "bias", Tensor.of(new float[] {1, 1})));
        Residual block = new Residual(r);
        assertNull(block.projection());
        // x + (W x + b) with x = (1, 2): (1, 2) + (2, 5)
        assertValues(block.forward(Tensor.of(new float[] {1, 2}, 1, 2)), new long[] {1, 2}, new double[] {3, 7}, 0);
    }

    @Test
    void projectsTheInputWhenTheSizesDiffer() {
        Linear r = new Linear(2, 3, false);
        Residual block = new Residual(r, 2, 3);
        assertEquals(List.of("residual.weight", "projection.weight"), List.copyOf(block.stateDict().keySet()));
        block.loadStateDict(Map.of("residual.weight", Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2),
                "projection.weight", Tensor.of(new float[] {2, 0, 0, 2, 0, 0}, 3, 2)));
        // W_s x + R x with x = (1, 2): (2, 4, 0) + (1, 2, 3)
        assertValues(block.forward(Tensor.of(new float[] {1, 2}, 1, 2)), new long[] {1, 3}, new double[] {3, 6, 3}, 0);
    }

    @Test
    void equalSizesNeedNoProjectionUnlessAskedFor() {
        assertNull(new Residual(new Linear(4, 4), 4, 4).projection());
        Residual projected = Residual.projected(new Linear(4, 4), 4, 4);
        assertNotNull(projected.projection());
        assertEquals(4 * 4 + 4 + 4 * 4, projected.parameterCount());
    }

    @Test
    void aBranchThatChangesTheSizeWithoutProjectionFails() {
        Residual block = new Residual(new Linear(2, 3));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> block.forward(Tensor.ones(1, 2)));
        assertTrue(e.getMessage().contains("new Residual(R, in, out)"), e.getMessage());
    }
}
