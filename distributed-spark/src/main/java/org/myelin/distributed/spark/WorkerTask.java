package org.myelin.distributed.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.Sampler;
import org.myelin.data.TensorDataset;
import org.myelin.distributed.DistributedDataParallel;
import org.myelin.distributed.DistributedSampler;
import org.myelin.distributed.ProcessGroup;
import org.myelin.distributed.Rendezvous;
import org.myelin.distributed.TcpProcessGroup;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.train.StepMetrics;
import org.myelin.train.EpochMetrics;
import org.myelin.train.Trainer;
import org.myelin.train.TrainerCallback;
import org.myelin.train.TrainingCheckpoint;

/**
 * One task of the barrier stage: one rank. It opens its listening socket, learns the others'
 * addresses in the stage's one {@code allGather} (Spark's barrier calls poll once a second, so they
 * are never used per step), and then trains through the TCP ring, resuming from the run's checkpoint
 * when there is one: Spark relaunches the whole stage when a task fails.
 */
final class WorkerTask implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TrainingPlan plan;
    private final TrainingData data;
    private final String runId;

    /** @param runId this fit's own name for its checkpoint, so that no other fit resumes from it */
    WorkerTask(TrainingPlan plan, TrainingData data, String runId) {
        this.plan = plan;
        this.data = data;
        this.runId = runId;
    }

    Iterator<WorkerReport> run(Iterator<LabeledExample> rows) {
        BarrierTaskContext ctx = BarrierTaskContext.get();
        int rank = ctx.partitionId();
        String executor = ctx.getTaskInfos()[rank].address();
        String host = executor.substring(0, executor.lastIndexOf(':'));
        try (TcpProcessGroup group = Rendezvous.join(host, rank, Duration.ofSeconds(plan.timeoutSeconds()),
                mine -> List.of(ctx.allGather(mine)))) {
            WorkerReport report = train(group, ctx.stageAttemptNumber(), rows);
            return rank == 0 ? List.of(report).iterator() : java.util.Collections.emptyIterator();
        }
    }

    private WorkerReport train(ProcessGroup group, int attempt, Iterator<LabeledExample> rows) {
        int rank = group.rank();
        int world = group.worldSize();
        TensorDataset train;
        Sampler sampler;
        if (data instanceof TrainingData.Files files) {
            train = files.load(true);
            sampler = new DistributedSampler(train.size(), rank, world, plan.seed(), true);
        } else {
            train = partition(rows, rank);
            int longest = 0;
            for (float[] size : group.allGather(new float[] {train.size()})) {
                longest = Math.max(longest, (int) size[0]);
            }
            sampler = new PartitionSampler((int) train.size(), longest, plan.seed() + rank);
        }
        Module net = plan.newModel();
        try (DistributedDataParallel ddp = new DistributedDataParallel(net, group)) {
            return train(group, attempt, train, sampler, net, ddp);
        }
    }

    private WorkerReport train(ProcessGroup group, int attempt, TensorDataset train, Sampler sampler, Module net,
                               DistributedDataParallel ddp) {
        int rank = group.rank();
        int world = group.worldSize();
        Trainer trainer = new Trainer(net, new CrossEntropyLoss(), plan.newOptimizer(net.parameters())).through(ddp);
        Path checkpoint = plan.checkpointDir() == null ? null : Path.of(plan.checkpointDir(), "training-" + runId + ".safetensors");
        long resumedAt = resume(trainer, checkpoint, group);
        if (checkpoint != null && rank == 0) {
            trainer.callback(new CheckpointWriter(trainer, checkpoint, plan.checkpointSteps()));
        }
        if (plan.faultAtStep() > 0 && rank == 1 && attempt == 0) {
            trainer.callback(new TrainerCallback() {
                @Override
                public void onStep(StepMetrics step) {
                    if (step.globalStep() == plan.faultAtStep()) {
                        throw new IllegalStateException("a fault injected after step " + step.globalStep() + " (a test)");
                    }
                }
            });
        }
        long started = System.nanoTime();
        trainer.fit(new DataLoader(train, plan.batchSize() / world).sampler(sampler), plan.epochs());
        double seconds = (System.nanoTime() - started) / 1e9;
        return new WorkerReport(rank == 0 ? WeightBytes.of(net.stateDict(), plan) : new byte[0], attempt, resumedAt,
                trainer.globalStep(), seconds);
    }

    /** Every rank reads the same checkpoint; that they all got to the same step is checked, not assumed. */
    private static long resume(Trainer trainer, Path checkpoint, ProcessGroup group) {
        if (checkpoint == null || !Files.exists(checkpoint)) {
            return 0;
        }
        TrainingCheckpoint.load(checkpoint).restore(trainer);
        long step = trainer.globalStep();
        for (float[] theirs : group.allGather(new float[] {step >>> 24, step & 0xFFFFFF})) {
            long s = ((long) theirs[0] << 24) | (long) theirs[1];
            if (s != step) {
                throw new MyelinException("the workers read different checkpoints from " + checkpoint + " (steps " + step
                        + " and " + s + "); the checkpoint folder must be one every executor sees alike");
            }
        }
        return step;
    }

    private static TensorDataset partition(Iterator<LabeledExample> rows, int rank) {
        List<LabeledExample> examples = new ArrayList<>();
        rows.forEachRemaining(examples::add);
        if (examples.isEmpty()) {
            throw new MyelinException("partition " + rank + " has no rows, so worker " + rank + " has nothing to train "
                    + "on; give at least as many rows as workers");
        }
        int width = examples.get(0).features().length;
        float[] x = new float[examples.size() * width];
        long[] y = new long[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            LabeledExample e = examples.get(i);
            if (e.features().length != width) {
                throw new MyelinException("row " + i + " of partition " + rank + " has " + e.features().length
                        + " features, the first had " + width + "; every row needs the same number");
            }
            System.arraycopy(e.features(), 0, x, i * width, width);
            y[i] = e.label();
        }
        return new TensorDataset(Tensor.of(x, examples.size(), width), Tensor.of(y, examples.size()));
    }

    /** Rank 0's resumable checkpoint, after every epoch and every so many steps; replaced atomically. */
    private static final class CheckpointWriter implements TrainerCallback {
        private final Trainer trainer;
        private final Path file;
        private final long every;

        CheckpointWriter(Trainer trainer, Path file, long every) {
            this.trainer = trainer;
            this.file = file;
            this.every = every;
        }

        @Override
        public void onStep(StepMetrics step) {
            if (every > 0 && step.globalStep() % every == 0) {
                TrainingCheckpoint.save(file, trainer, Map.of());
            }
        }

        @Override
        public void onEpochEnd(EpochMetrics metrics) {
            TrainingCheckpoint.save(file, trainer, Map.of());
        }
    }
}
