package org.myelin.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.Tensor;

/**
 * A task that fails mid-epoch: Spark relaunches the whole barrier stage, the workers resume from
 * rank 0's last checkpoint rather than from the start, and the run ends where an uninterrupted one
 * ends.
 */
@Tag("dataset")
class FaultRecoveryTest {
    @TempDir
    Path tmp;

    /** 2 epochs of 50 steps, a checkpoint every 20; rank 1 fails after step 70, in the second epoch. */
    @Test
    void aFailedTaskRelaunchesTheStageWhichResumesFromTheCheckpoint() throws Exception {
        TrainingPlan plan = TrainingPlan.course(2).withEpochs(2).withBatchSize(1200)
                .withCheckpoints(tmp.resolve("ckpt").toString(), 20).withFaultAtStep(70);
        java.nio.file.Files.createDirectories(tmp.resolve("ckpt"));
        WorkerReport report = BarrierTraining.fit(SparkSessionSupport.context(), plan, new TrainingData.Files("mnist", null));
        assertEquals(1, report.stageAttempt(), "the stage ran again after the fault");
        assertEquals(60, report.resumedAtStep(), "resumed from the checkpoint of step 60, not from the start");
        assertEquals(100, report.steps());

        Map<String, Tensor> got = new BarrierTrainingTest().weightsIn(tmp, report);
        var uninterrupted = BarrierTrainingTest.alone(plan);
        BarrierTrainingTest.assertSameWeights(uninterrupted.stateDict(), got);
        double resumed = BarrierTrainingTest.accuracy(BarrierTrainingTest.load(plan, got));
        double straight = BarrierTrainingTest.accuracy(uninterrupted);
        System.out.printf("fault after step 70, resumed at %d: accuracy %.4f, uninterrupted %.4f%n",
                report.resumedAtStep(), resumed, straight);
        assertEquals(straight, resumed, 0.001);
    }
}
