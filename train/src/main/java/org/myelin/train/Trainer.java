package org.myelin.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;
import org.myelin.nn.loss.Loss;
import org.myelin.optim.GradClip;
import org.myelin.optim.LRScheduler;

/**
 * The training loop, written once: for each batch, forward, loss, {@code zeroGrad}, backward, an
 * optional gradient clip, {@code step}; after each epoch, the schedule's step, validation, early
 * stopping and the callbacks.
 *
 * <pre>{@code
 * var trainer = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1).momentum(0.9))
 *         .scheduler(schedule)               // stepped once per epoch
 *         .clipGradNorm(1.0)
 *         .validation(new DataLoader(val, 1000))
 *         .earlyStopping(3);                 // epochs without a better validation accuracy
 * List<EpochMetrics> history = trainer.fit(new DataLoader(train, 64).shuffle(42), 10);
 * }</pre>
 *
 * <p>It watches the loss: a NaN or infinity stops the run with a {@link TrainingDivergedException}
 * before the optimizer takes that step, and a loss that grows a thousandfold while finite is
 * reported once to the callbacks. Its counters (epochs and steps done, the running mean of the
 * epoch, the best validation score) are part of a {@link TrainingCheckpoint}, so a run resumed from
 * one, with the loader's epoch set by {@link #fit}, continues as if it had never stopped.
 */
public final class Trainer {
    /** A loss this many times the first step's, and above {@link #EXPLODED_FLOOR}, is a run going astray. */
    private static final double EXPLOSION = 1000;
    private static final double EXPLODED_FLOOR = 100;

    private final Module model;
    private Module forward;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<TrainerCallback> callbacks = new ArrayList<>();
    private LRScheduler scheduler;
    private double clipNorm = Double.NaN;
    private DataLoader validation;
    private int patience;
    private Device device;

    final Progress progress = new Progress();

    /** The counters a checkpoint carries; all of a run's state that is not in the model, optimizer or schedule. */
    static final class Progress {
        int epochsDone;
        long stepInEpoch;
        long globalStep;
        double epochLossSum;
        long epochExamples;
        double epochTrainSeconds;
        double firstLoss = Double.NaN;
        boolean warned;
        double bestScore = Double.NaN;
        int bestEpoch;
        int epochsSinceBest;
        boolean stopped;
    }

    /**
     * @param model     the model, already on its device
     * @param loss      the loss of (model output, target)
     * @param optimizer the optimizer over the model's parameters
     */
    public Trainer(Module model, Loss loss, Optimizer optimizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.forward = model;
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * @param scheduler a schedule over this trainer's optimizer, stepped after each epoch; null for none
     * @return this trainer
     */
    public Trainer scheduler(LRScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /**
     * @param maxNorm the largest total gradient norm a step may use, as PyTorch's {@code clip_grad_norm_};
     *                positive, or NaN for no clipping
     * @return this trainer
     */
    public Trainer clipGradNorm(double maxNorm) {
        if (!Double.isNaN(maxNorm) && !(maxNorm > 0 && Double.isFinite(maxNorm))) {
            throw new InvalidArgumentException("Trainer: the gradient norm limit must be positive and finite, got "
                    + maxNorm + "; pass a value such as 1.0");
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /**
     * @param loader examples to evaluate after each epoch (loss and accuracy); null for none
     * @return this trainer
     */
    public Trainer validation(DataLoader loader) {
        this.validation = loader;
        return this;
    }

    /**
     * @param patience stop after this many epochs in a row without a better validation accuracy; 0 never stops
     * @return this trainer
     */
    public Trainer earlyStopping(int patience) {
        if (patience < 0) {
            throw new InvalidArgumentException("Trainer: patience " + patience + " must be 0 (off) or a number of epochs");
        }
        this.patience = patience;
        return this;
    }

    /**
     * @param device where to move each batch; null leaves batches where the loader makes them (the CPU)
     * @return this trainer
     */
    public Trainer device(Device device) {
        this.device = device;
        return this;
    }

    /**
     * @param callback told of each epoch and step
     * @return this trainer
     */
    public Trainer callback(TrainerCallback callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /**
     * Runs the training steps through a module that wraps the model, such as a
     * {@code DistributedDataParallel}; checkpoints, evaluation and {@link #model()} keep the model's
     * own parameters and state-dict keys.
     *
     * @param wrapper a module whose forward is the model's, with something around it
     * @return this trainer
     */
    public Trainer through(Module wrapper) {
        this.forward = Objects.requireNonNull(wrapper, "wrapper");
        return this;
    }

    /** @return the model */
    public Module model() {
        return model;
    }

    /** @return the optimizer */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the schedule, or null */
    public LRScheduler scheduler() {
        return scheduler;
    }

    /** @return the epochs finished so far, over every {@link #fit} and any resumed checkpoint */
    public int epochsDone() {
        return progress.epochsDone;
    }

    /** @return the optimizer steps taken so far */
    public long globalStep() {
        return progress.globalStep;
    }

    /** @return the best validation accuracy so far, or NaN */
    public double bestValidationAccuracy() {
        return progress.bestScore;
    }

    /** @return whether early stopping has ended the run */
    public boolean stoppedEarly() {
        return progress.stopped;
    }

    /**
     * Trains until {@code epochs} epochs are done in all (counting those of earlier calls and of a
     * resumed checkpoint), or early stopping ends the run. Epoch {@code e} (from 0) walks the loader's
     * epoch {@code e}, so shuffled orders are those of an uninterrupted run.
     *
     * @param train  the training batches
     * @param epochs the total number of epochs
     * @return the metrics of the epochs this call ran
     * @throws TrainingDivergedException at the first step whose loss is not finite
     */
    public List<EpochMetrics> fit(DataLoader train, int epochs) {
        if (patience > 0 && validation == null) {
            throw new InvalidArgumentException("Trainer: early stopping watches the validation accuracy; give a "
                    + "validation set (validation(loader)) or leave earlyStopping at 0");
        }
        List<EpochMetrics> history = new ArrayList<>();
        while (progress.epochsDone < epochs && !progress.stopped) {
            history.add(runEpoch(train));
        }
        return history;
    }

    private EpochMetrics runEpoch(DataLoader train) {
        Progress p = progress;
        int epoch = p.epochsDone + 1;
        long steps = train.numBatches();
        long started = System.nanoTime();
        double learningRate = optimizer.learningRate();
        for (TrainerCallback c : callbacks) {
            c.onEpochStart(epoch, p.stepInEpoch + 1, steps);
        }
        forward.train();
        Iterator<DataLoader.Batch> batches = train.iterator(p.epochsDone, p.stepInEpoch);
        while (batches.hasNext()) {
            step(batches.next(), epoch, steps);
        }
        p.epochTrainSeconds += (System.nanoTime() - started) / 1e9;
        double trainLoss = p.epochExamples == 0 ? Double.NaN : p.epochLossSum / p.epochExamples;
        double examplesPerSecond = p.epochExamples / Math.max(p.epochTrainSeconds, 1e-9);
        train.setEpoch(epoch);
        if (scheduler != null) {
            scheduler.step();
        }
        Evaluation eval = validation == null ? null : Evaluation.of(model, validation, loss);
        boolean best = eval != null && !(eval.accuracy() <= p.bestScore);
        if (eval != null) {
            if (best) {
                p.bestScore = eval.accuracy();
                p.bestEpoch = epoch;
                p.epochsSinceBest = 0;
            } else {
                p.epochsSinceBest++;
            }
        }
        p.epochsDone = epoch;
        p.stepInEpoch = 0;
        p.epochLossSum = 0;
        p.epochExamples = 0;
        p.epochTrainSeconds = 0;
        p.stopped = patience > 0 && p.epochsSinceBest >= patience;
        EpochMetrics metrics = new EpochMetrics(epoch, trainLoss, eval == null ? Double.NaN : eval.loss(),
                eval == null ? Double.NaN : eval.accuracy(), learningRate, (System.nanoTime() - started) / 1e9,
                examplesPerSecond, best);
        for (TrainerCallback c : callbacks) {
            c.onEpochEnd(metrics);
        }
        if (p.stopped) {
            for (TrainerCallback c : callbacks) {
                c.onEarlyStop(epoch, p.bestEpoch, p.bestScore);
            }
        }
        return metrics;
    }

    private void step(DataLoader.Batch batch, int epoch, long steps) {
        Progress p = progress;
        Tensor x = device == null ? batch.inputs() : batch.inputs().to(device);
        Tensor y = device == null ? batch.targets() : batch.targets().to(device);
        Tensor l = loss.forward(forward.forward(x), y);
        double value = l.item();
        long step = p.stepInEpoch + 1;
        if (!Double.isFinite(value)) {
            throw new TrainingDivergedException(value, epoch, step, optimizer.learningRate());
        }
        optimizer.zeroGrad();
        l.backward();
        if (!Double.isNaN(clipNorm)) {
            GradClip.clipGradNorm(model.parameters(), clipNorm);
        }
        optimizer.step();
        long examples = batch.size();
        p.stepInEpoch = step;
        p.globalStep++;
        p.epochLossSum += value * examples;
        p.epochExamples += examples;
        watch(value, epoch, step);
        StepMetrics metrics = new StepMetrics(epoch, step, steps, p.globalStep, value, p.epochLossSum / p.epochExamples,
                p.epochExamples);
        for (TrainerCallback c : callbacks) {
            c.onStep(metrics);
        }
    }

    private void watch(double value, int epoch, long step) {
        Progress p = progress;
        if (Double.isNaN(p.firstLoss)) {
            p.firstLoss = value;
        } else if (!p.warned && value > EXPLODED_FLOOR && value > EXPLOSION * p.firstLoss) {
            p.warned = true;
            for (TrainerCallback c : callbacks) {
                c.onLossExploding(p.firstLoss, value, epoch, step);
            }
        }
    }
}
