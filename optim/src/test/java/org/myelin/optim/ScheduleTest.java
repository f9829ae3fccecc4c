package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.myelin.api.Optimizer;

/** StepLR and CosineAnnealingLR against PyTorch's schedules (golden values), 12 epochs each. */
class ScheduleTest {

    private static void replay(String name, Function<Optimizer, LRScheduler> make) {
        Optimizer opt = new SGD(List.of(Params.parameter(0)), 0.1);
        LRScheduler schedule = make.apply(opt);
        double[] expected = Golden.get(name).values();
        assertEquals(expected[0], schedule.lastLearningRate(), 1e-15, name + " before any step");
        assertEquals(expected[0], opt.learningRate(), 1e-15, name + ": building a schedule keeps the base rate");
        for (int epoch = 1; epoch < expected.length; epoch++) {
            schedule.step();
            double tolerance = 1e-12 * Math.abs(expected[epoch]) + 1e-17;
            assertEquals(expected[epoch], schedule.lastLearningRate(), tolerance, name + " after step " + epoch);
            assertEquals(schedule.lastLearningRate(), opt.learningRate(), name + ": the optimizer gets the scheduled rate");
        }
    }

    @Test
    void linearWarmUpMatchesPyTorchAndStartsBelowTheBaseRate() {
        replay("linear.0.1.1.4", opt -> new LinearLR(opt, 0.1, 1.0, 4));
    }

    @Test
    void aScheduleResumedFromItsStateDictContinuesExactly() {
        for (Function<Optimizer, LRScheduler> make : List.<Function<Optimizer, LRScheduler>>of(
                opt -> new StepLR(opt, 3, 0.5), opt -> new CosineAnnealingLR(opt, 5, 0.001), opt -> new LinearLR(opt, 0.1, 1.0, 4))) {
            Optimizer first = new SGD(List.of(Params.parameter(0)), 0.1);
            LRScheduler running = make.apply(first);
            for (int epoch = 0; epoch < 4; epoch++) {
                running.step();
            }
            Optimizer second = new SGD(List.of(Params.parameter(0)), 0.1);
            LRScheduler resumed = make.apply(second);
            resumed.loadStateDict(running.stateDict());
            assertEquals(first.learningRate(), second.learningRate(), "the optimizer gets the restored rate");
            for (int epoch = 0; epoch < 8; epoch++) {
                running.step();
                resumed.step();
                assertEquals(running.lastLearningRate(), resumed.lastLearningRate(), "epoch " + (epoch + 5));
            }
        }
    }

    @Test
    void aScheduleRefusesAStateThatIsNotOne() {
        LRScheduler schedule = new StepLR(new SGD(List.of(Params.parameter(0)), 0.1), 3, 0.5);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.myelin.api.InvalidArgumentException.class,
                () -> schedule.loadStateDict(java.util.Map.of("momentum", org.myelin.api.Tensor.scalar(1))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("'momentum'"), e.getMessage());
    }

    @Test
    void stepLRMatchesPyTorch() {
        replay("steplr.3.0.5", opt -> new StepLR(opt, 3, 0.5));
    }

    @Test
    void cosineAnnealingMatchesPyTorchPastTMax() {
        replay("cosine.5.0.001", opt -> new CosineAnnealingLR(opt, 5, 0.001));
    }

    @Test
    void cosineAnnealingToZeroMatchesPyTorch() {
        replay("cosine.4.0", opt -> new CosineAnnealingLR(opt, 4, 0));
    }

    @Test
    void scheduleDrivesAnyOptimizerAndCountsEpochs() {
        var opt = new Adam(List.of(Params.parameter(0)), 0.01);
        var schedule = new StepLR(opt, 1, 0.1);
        schedule.step();
        schedule.step();
        assertEquals(2, schedule.epoch());
        assertEquals(1e-4, opt.learningRate(), 1e-18);
    }
}
