package org.myelin.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Module;
import org.myelin.nn.io.SafeTensors;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.train.Evaluation;
import org.myelin.train.Trainer;

/** Training in a barrier stage on Spark local[2], against one process training alone. */
@Tag("dataset")
class BarrierTrainingTest {
    private static final TrainingData.Files MNIST = new TrainingData.Files("mnist", null);

    @TempDir
    Path tmp;

    /** Batch 1200 over 60,000 examples: one epoch is 50 SGD steps. */
    @Test
    void twoTasksTrainWhatOneProcessTrainsWithTwiceTheirBatch() throws IOException {
        TrainingPlan plan = TrainingPlan.course(2).withEpochs(1).withBatchSize(1200);
        WorkerReport report = BarrierTraining.fit(SparkSessionSupport.context(), plan, MNIST);
        assertEquals(50, report.steps());
        Map<String, Tensor> got = weights(report);
        assertSameWeights(alone(plan).stateDict(), got);
    }

    /** Every parameter within 1e-6 of its tensor's largest weight: float rounding, and nothing more. */
    static void assertSameWeights(Map<String, Tensor> expected, Map<String, Tensor> got) {
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((name, want) -> {
            float[] a = want.toFloatArray();
            float[] b = got.get(name).toFloatArray();
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(scale > 0 && diff <= 1e-6 * scale, name + ": max difference " + diff + " against " + scale);
        });
    }

    /** The course's network, 3 epochs: as accurate as one process, which it computes to rounding. */
    @Test
    void theCoursesNetworkReachesItsAccuracyOnTwoTasks() throws IOException {
        TrainingPlan plan = TrainingPlan.course(2);
        double spark = accuracy(load(plan, weights(BarrierTraining.fit(SparkSessionSupport.context(), plan, MNIST))));
        double single = accuracy(alone(plan));
        System.out.printf("784-30-10, 3 epochs: Spark local[2] %.4f, one process %.4f%n", spark, single);
        assertTrue(spark >= 0.955, "Spark local[2], 784-30-10, 3 epochs: " + spark);
        assertEquals(single, spark, 0.003, "one process: " + single + ", two tasks: " + spark);
    }

    /** One process, the same plan, the same seed: what the barrier stage must match. */
    static Module alone(TrainingPlan plan) {
        TensorDataset train = MNIST.load(true);
        Module net = plan.newModel();
        Trainer trainer = new Trainer(net, new CrossEntropyLoss(), plan.newOptimizer(net.parameters()));
        trainer.fit(new DataLoader(train, plan.batchSize()).shuffle(plan.seed()), plan.epochs());
        return net;
    }

    static double accuracy(Module net) {
        return Evaluation.of(net, new DataLoader(MNIST.load(false), 1000), new CrossEntropyLoss()).accuracy();
    }

    static Module load(TrainingPlan plan, Map<String, Tensor> weights) {
        Module net = plan.newModel();
        net.loadStateDict(weights);
        return net;
    }

    Map<String, Tensor> weights(WorkerReport report) throws IOException {
        return weightsIn(tmp, report);
    }

    Map<String, Tensor> weightsIn(Path folder, WorkerReport report) throws IOException {
        Path file = Files.createTempFile(folder, "weights", ".safetensors");
        Files.write(file, report.weights());
        return SafeTensors.load(file).tensors();
    }
}
