package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.api.AutogradException;
import org.myelin.api.Autograd;
import org.myelin.api.Tensor;

/** Post-accumulate-grad hooks, as PyTorch's: once per backward, after the leaf's last contribution. */
class PostAccumulateGradHookTest {

    @Test
    void runsOnceAfterEveryContributionOfThePass() {
        Tensor w = Tensor.of(new float[] {2, 3}).requiresGrad(true);
        Tensor x = Tensor.of(new float[] {5, 7});
        List<float[]> seen = new ArrayList<>();
        w.registerPostAccumulateGradHook(t -> seen.add(t.grad().toFloatArray()));
        // w reaches the loss along two paths: d/dw (w x + w²) = x + 2w.
        w.mul(x).add(w.square()).sum().backward();
        assertEquals(1, seen.size());
        assertArrayEquals(new float[] {9, 13}, seen.get(0));
        // A second pass accumulates, and the hook sees the sum.
        w.mul(x).sum().backward();
        assertEquals(2, seen.size());
        assertArrayEquals(new float[] {14, 20}, seen.get(1));
    }

    @Test
    void eachLeafsHooksRunWhenItsGradientIsFinalInRegistrationOrder() {
        Tensor w1 = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor w2 = Tensor.of(new float[] {3, 4}).requiresGrad(true);
        List<String> order = new ArrayList<>();
        w1.registerPostAccumulateGradHook(t -> order.add("w1 a"));
        w1.registerPostAccumulateGradHook(t -> order.add("w1 b"));
        w2.registerPostAccumulateGradHook(t -> order.add("w2"));
        // Backward meets w2's edge first: the last operation is the first undone.
        Tensor.of(new float[] {1, 1}).mul(w1).exp().mul(w2).sum().backward();
        assertEquals(List.of("w2", "w1 a", "w1 b"), order);
    }

    @Test
    void removedHooksStopAndOthersGoOn() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        int[] calls = new int[2];
        Tensor.HookHandle first = w.registerPostAccumulateGradHook(t -> calls[0]++);
        w.registerPostAccumulateGradHook(t -> calls[1]++);
        w.sum().backward();
        first.remove();
        first.remove();
        w.sum().backward();
        assertArrayEquals(new int[] {1, 2}, calls);
    }

    @Test
    void aLeafRootAndAutogradGrad() {
        Tensor w = Tensor.of(new float[] {4}).requiresGrad(true);
        int[] calls = new int[1];
        w.registerPostAccumulateGradHook(t -> calls[0]++);
        w.backward(Tensor.of(new float[] {1}));
        assertEquals(1, calls[0], "backward from the leaf itself");
        Autograd.grad(w.square().sum(), w);
        assertEquals(1, calls[0], "Autograd.grad accumulates into no leaf");
    }

    @Test
    void onlyLeavesThatRequireGradTakeHooks() {
        Tensor plain = Tensor.ones(2);
        AutogradException e = assertThrows(AutogradException.class, () -> plain.registerPostAccumulateGradHook(t -> { }));
        assertTrue(e.getMessage().contains("requiresGrad(true)"), e.getMessage());
        Tensor made = Tensor.ones(2).requiresGrad(true).mul(2);
        e = assertThrows(AutogradException.class, () -> made.registerPostAccumulateGradHook(t -> { }));
        assertTrue(e.getMessage().contains("MulScalarBackward"), e.getMessage());
    }
}
