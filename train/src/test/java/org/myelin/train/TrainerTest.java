package org.myelin.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.DataFormatException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Dropout;
import org.myelin.nn.Linear;
import org.myelin.nn.Module;
import org.myelin.nn.ReLU;
import org.myelin.nn.Sequential;
import org.myelin.nn.io.SafeTensors;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.Adam;
import org.myelin.optim.CosineAnnealingLR;
import org.myelin.optim.SGD;

class TrainerTest {
    @TempDir
    Path tmp;

    /** 3 separable-ish classes in 6 dimensions: 90 examples, so batches of 16 leave a short last one. */
    private static TensorDataset data(long seed) {
        Tensor.manualSeed(seed);
        Tensor x = Tensor.randn(90, 6);
        float[] v = x.toFloatArray();
        long[] labels = new long[90];
        for (int i = 0; i < 90; i++) {
            labels[i] = v[i * 6] + v[i * 6 + 1] > 0.5 ? 2 : v[i * 6 + 2] > 0 ? 1 : 0;
        }
        return new TensorDataset(x, Tensor.of(labels, 90));
    }

    private record Run(Module model, Trainer trainer, DataLoader loader) {}

    /** Builds the same run each time: seed, model (with dropout, so the generator matters), optimizer, schedule. */
    private static Run run(Function<Module, Trainer> make) {
        Tensor.manualSeed(7);
        Module model = new Sequential(new Linear(6, 16), new ReLU(), new Dropout(0.2), new Linear(16, 3));
        DataLoader loader = new DataLoader(data(1), 16).shuffle(11);
        return new Run(model, make.apply(model), loader);
    }

    private static final Function<Module, Trainer> SGD_MOMENTUM = m ->
            new Trainer(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.1).momentum(0.9));
    private static final Function<Module, Trainer> ADAM_COSINE = m -> {
        Optimizer adam = new Adam(m.parameters(), 0.01);
        return new Trainer(m, new CrossEntropyLoss(), adam).scheduler(new CosineAnnealingLR(adam, 3, 0.001)).clipGradNorm(1.0);
    };

    private static void assertSameWeights(Module expected, Module actual, String what) {
        Map<String, Tensor> a = expected.stateDict();
        Map<String, Tensor> b = actual.stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).toFloatArray(), b.get(name).toFloatArray(), what + ": " + name);
        }
    }

    @Test
    void twoEpochsThenAResumedThirdGiveTheWeightsOfThreeBitForBit() {
        for (var make : List.of(SGD_MOMENTUM, ADAM_COSINE)) {
            Run straight = run(make);
            straight.trainer().fit(straight.loader(), 3);

            Run first = run(make);
            first.trainer().fit(first.loader(), 2);
            Path file = tmp.resolve("run.safetensors");
            TrainingCheckpoint.save(file, first.trainer(), Map.of("model", "6-16-3"));
            Tensor.manualSeed(12345); // another process would not share the generator's state either

            Run resumed = run(make);
            TrainingCheckpoint checkpoint = TrainingCheckpoint.load(file);
            assertEquals(2, checkpoint.epochsDone());
            assertEquals(Map.of("model", "6-16-3"), checkpoint.metadata());
            checkpoint.restore(resumed.trainer());
            List<EpochMetrics> rest = resumed.trainer().fit(resumed.loader(), 3);

            assertEquals(1, rest.size(), "one epoch was left");
            assertEquals(3, rest.get(0).epoch());
            assertEquals(straight.trainer().globalStep(), resumed.trainer().globalStep());
            assertSameWeights(straight.model(), resumed.model(), "resumed after 2 epochs");
        }
    }

    @Test
    void aRunResumedInTheMiddleOfAnEpochContinuesBitForBit() {
        Run straight = run(ADAM_COSINE);
        List<EpochMetrics> all = straight.trainer().fit(straight.loader(), 2);

        Path file = tmp.resolve("mid.safetensors");
        Run first = run(ADAM_COSINE);
        first.trainer().callback(new TrainerCallback() {
            @Override
            public void onStep(StepMetrics step) {
                if (step.globalStep() == 9) { // epoch 2, step 3 of 6
                    TrainingCheckpoint.save(file, first.trainer(), Map.of());
                }
            }
        });
        first.trainer().fit(first.loader(), 2);

        Run resumed = run(ADAM_COSINE);
        TrainingCheckpoint.load(file).restore(resumed.trainer());
        List<EpochMetrics> rest = resumed.trainer().fit(resumed.loader(), 2);
        assertSameWeights(straight.model(), resumed.model(), "resumed at step 9");
        assertEquals(all.get(1).trainLoss(), rest.get(0).trainLoss(), "the epoch's mean loss counts the steps before the stop");
    }

    @Test
    void aCheckpointOfAnotherModelOrOfWeightsAloneIsRefusedAndChangesNothing() {
        Run saved = run(SGD_MOMENTUM);
        saved.trainer().fit(saved.loader(), 1);
        Path file = tmp.resolve("sgd.safetensors");
        TrainingCheckpoint.save(file, saved.trainer(), Map.of());

        Tensor.manualSeed(3);
        Module other = new Sequential(new Linear(6, 8), new ReLU(), new Linear(8, 3));
        Trainer otherTrainer = new Trainer(other, new CrossEntropyLoss(), new SGD(other.parameters(), 0.1).momentum(0.9));
        float[] before = other.stateDict().get("0.weight").toFloatArray();
        var e = assertThrows(InvalidArgumentException.class, () -> TrainingCheckpoint.load(file).restore(otherTrainer));
        assertTrue(e.getMessage().contains("0.weight") && e.getMessage().contains("model it was trained with"), e.getMessage());
        assertArrayEquals(before, other.stateDict().get("0.weight").toFloatArray());

        Run adam = run(ADAM_COSINE);
        e = assertThrows(InvalidArgumentException.class, () -> TrainingCheckpoint.load(file).restore(adam.trainer()));
        assertTrue(e.getMessage().contains("schedule"), e.getMessage());

        Path weights = tmp.resolve("weights.safetensors");
        SafeTensors.save(weights, saved.model().stateDict(), Map.of());
        var d = assertThrows(DataFormatException.class, () -> TrainingCheckpoint.load(weights));
        assertTrue(d.getMessage().contains("weights alone"), d.getMessage());
    }

    @Test
    void earlyStoppingEndsTheRunWhenTheValidationAccuracyStalls() {
        Tensor.manualSeed(7);
        Module model = new Sequential(new Linear(6, 3));
        // A learning rate too small to move the weights: the accuracy cannot improve after the first epoch.
        Trainer trainer = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 1e-12))
                .validation(new DataLoader(data(2), 30)).earlyStopping(2);
        List<String> stops = new ArrayList<>();
        trainer.callback(new TrainerCallback() {
            @Override
            public void onEarlyStop(int epoch, int bestEpoch, double best) {
                stops.add(epoch + " " + bestEpoch);
            }
        });
        List<EpochMetrics> history = trainer.fit(new DataLoader(data(1), 16), 20);
        assertEquals(3, history.size(), "the best epoch, then two that are no better");
        assertTrue(history.get(0).best() && !history.get(1).best() && !history.get(2).best());
        assertTrue(trainer.stoppedEarly());
        assertEquals(List.of("3 1"), stops);
        assertTrue(history.get(0).validated() && history.get(0).validationLoss() > 0);
    }

    @Test
    void earlyStoppingWithoutAValidationSetIsRefused() {
        Module model = new Linear(6, 3);
        Trainer trainer = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1)).earlyStopping(2);
        var e = assertThrows(InvalidArgumentException.class, () -> trainer.fit(new DataLoader(data(1), 16), 3));
        assertTrue(e.getMessage().contains("validation"), e.getMessage());
    }

    @Test
    void aNonFiniteLossStopsBeforeTheStepThatWouldBreakTheWeights() {
        Tensor.manualSeed(7);
        Module model = new Sequential(new Linear(6, 16), new ReLU(), new Linear(16, 3));
        Trainer trainer = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 1e30));
        var e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(new DataLoader(data(1), 16), 3));
        assertTrue(e.epoch() == 1 && e.step() > 1, e.getMessage());
        assertFalse(Double.isFinite(e.loss()));
        assertEquals(e.step() - 1, trainer.globalStep(), "the diverging step was not taken");
    }

    @Test
    void aLossThatExplodesWhileFiniteIsReportedOnce() {
        Tensor.manualSeed(7);
        Module model = new Sequential(new Linear(6, 3));
        List<Double> reports = new ArrayList<>();
        Trainer trainer = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 1e5))
                .callback(new TrainerCallback() {
                    @Override
                    public void onLossExploding(double firstLoss, double loss, int epoch, long step) {
                        reports.add(loss);
                    }
                });
        trainer.fit(new DataLoader(data(1), 16), 2);
        assertEquals(1, reports.size());
        assertTrue(reports.get(0) > 1000, reports.toString());
    }

    @Test
    void metricsCountExamplesAndTheRateEachEpochUsed() {
        Run run = run(ADAM_COSINE);
        List<EpochMetrics> history = run.trainer().fit(run.loader(), 2);
        assertEquals(0.01, history.get(0).learningRate(), 1e-15);
        assertEquals(0.001 + (0.01 - 0.001) * (1 + Math.cos(Math.PI / 3)) / 2, history.get(1).learningRate(), 1e-15);
        assertTrue(history.get(1).examplesPerSecond() > 0 && history.get(1).seconds() > 0);
        assertFalse(history.get(0).validated());
        assertEquals(12, run.trainer().globalStep(), "6 batches of 16 (the last of 10) per epoch");
    }
}
