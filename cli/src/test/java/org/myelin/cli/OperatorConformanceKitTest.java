package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.myelin.api.Tensor;
import org.myelin.api.OpContext;
import org.myelin.api.Operator;
import org.myelin.testkit.OperatorConformance;

/**
 * The operator kit is not vacuous: a right operator passes every check, and each kind of mistake
 * fails the check meant for it. (It lives here because the kit needs the engine and both CPU
 * backends at run time, which the cli's tests have.)
 */
class OperatorConformanceKitTest {

    /** softsign, x / (1 + |x|), written right. */
    static class Softsign implements Operator {
        @Override
        public String name() {
            return "softsign_test";
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].div(in[0].abs().add(1));
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g.div(ctx.saved(0).abs().add(1).square())};
        }
    }

    private static List<String> failed(Operator op) {
        return OperatorConformance.run(op).stream().filter(r -> !r.passed()).map(OperatorConformance.Result::name).toList();
    }

    @Test
    void aRightOperatorPassesEveryCheckAndItsArityIsFoundByTrying() {
        List<OperatorConformance.Result> results = OperatorConformance.run(new Softsign());
        assertEquals(7, results.size(), results.toString());
        assertTrue(results.stream().allMatch(OperatorConformance.Result::passed), results.toString());
    }

    @Test
    void aWrongGradientFailsGradcheckOnly() {
        Operator wrong = new Softsign() {
            @Override
            public Tensor[] backward(OpContext ctx, Tensor g) {
                return new Tensor[] {g.div(ctx.saved(0).abs().add(1))};
            }
        };
        assertEquals(List.of("softsign_test: gradcheck, float64 [3, 4]"), failed(wrong));
    }

    @Test
    void aForwardThatDependsOnTheBackendFailsTheReferenceCheck() {
        Operator drifting = new Softsign() {
            @Override
            public Tensor forward(OpContext ctx, Tensor... in) {
                Tensor y = super.forward(ctx, in);
                return org.myelin.api.spi.KernelContext.of(ctx).backend().name().equals("reference") ? y : y.add(1e-3);
            }
        };
        assertTrue(failed(drifting).containsAll(List.of("softsign_test: forward matches reference, float32 [7]",
                "softsign_test: forward matches reference, float64 [3, 5]")), failed(drifting).toString());
    }

    @Test
    void aForwardWithHiddenStateFailsDeterminismAndThreadSafety() {
        AtomicLong calls = new AtomicLong();
        Operator stateful = new Softsign() {
            @Override
            public Tensor forward(OpContext ctx, Tensor... in) {
                return super.forward(ctx, in).add(calls.incrementAndGet() * 1e-3);
            }
        };
        List<String> failed = failed(stateful);
        assertTrue(failed.contains("softsign_test: deterministic for a seed"), failed.toString());
        assertTrue(failed.contains("softsign_test: same results from 4 threads at once"), failed.toString());
    }
}
