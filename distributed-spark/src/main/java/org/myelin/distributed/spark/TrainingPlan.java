package org.myelin.distributed.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.optim.Optimizers;

/**
 * What every task of a Spark run trains, and how: sent with the barrier stage to each task.
 *
 * @param model           a model spec, as {@code myelin train --model}: {@code 784-30-10}, or layers
 * @param activation      the activation between layers for the sizes form
 * @param optimizer       sgd, adam, adamw or rmsprop
 * @param lr              the learning rate
 * @param momentum        momentum for sgd and rmsprop
 * @param epochs          passes over the training data
 * @param batchSize       the global batch: each of the workers takes batchSize / workers of it
 * @param seed            initialisation and shuffling, the same on every worker
 * @param workers         tasks in the barrier stage, one rank each
 * @param checkpointDir   where rank 0 writes the resumable checkpoint, a folder every task can read
 *                        (a shared file system on a cluster); null for none
 * @param checkpointSteps a checkpoint every this many steps as well as after each epoch; 0 for epochs only
 * @param timeoutSeconds  the longest any wait for another worker lasts
 * @param faultAtStep     for tests: the first attempt of rank 1 fails after this global step; 0 for never
 */
public record TrainingPlan(String model, String activation, String optimizer, double lr, double momentum, int epochs,
                           int batchSize, long seed, int workers, String checkpointDir, long checkpointSteps,
                           int timeoutSeconds, long faultAtStep) implements Serializable {

    /** Checks the plan on the driver, before any task starts. */
    public TrainingPlan {
        if (workers < 1) {
            throw new InvalidArgumentException("--workers must be at least 1, got " + workers);
        }
        if (epochs < 1) {
            throw new InvalidArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1 || batchSize % workers != 0) {
            throw new InvalidArgumentException("--batch-size " + batchSize + " does not split evenly over " + workers
                    + " workers; give a multiple of " + workers);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidArgumentException("--lr must be a positive learning rate such as 0.1, got " + lr);
        }
        if (checkpointSteps < 0 || timeoutSeconds < 1) {
            throw new InvalidArgumentException("the checkpoint interval must not be negative and the timeout must be "
                    + "positive; got " + checkpointSteps + " steps and " + timeoutSeconds + " s");
        }
    }

    /**
     * The model of this plan, initialised from its seed: the same on every worker, and the same as a
     * single process's with this seed.
     *
     * @return a new model
     */
    public Module newModel() {
        Tensor.manualSeed(seed);
        return Layers.parse(model, activation, 0);
    }

    /** Builds the model and its optimizer once on the driver, so that a bad spec or optimizer fails there, in one line. */
    public void check() {
        newOptimizer(newModel().parameters());
    }

    /**
     * @param parameters the model's parameters
     * @return this plan's optimizer over them
     */
    public Optimizer newOptimizer(List<Tensor> parameters) {
        Map<String, Double> options = new LinkedHashMap<>();
        options.put("lr", lr);
        if (momentum != 0) {
            options.put("momentum", momentum);
        }
        return Optimizers.create(optimizer.toLowerCase(Locale.ROOT), parameters, options);
    }

    /** The course's network and recipe: 784-30-10 sigmoid, SGD at 0.5, batch 10, 3 epochs. */
    public static TrainingPlan course(int workers) {
        return new TrainingPlan("784-30-10", "sigmoid", "sgd", 0.5, 0, 3, 10, 42, workers, null, 0, 60, 0);
    }

    /** @return this plan with another number of epochs */
    public TrainingPlan withEpochs(int n) {
        return new TrainingPlan(model, activation, optimizer, lr, momentum, n, batchSize, seed, workers, checkpointDir,
                checkpointSteps, timeoutSeconds, faultAtStep);
    }

    /** @return this plan with another global batch */
    public TrainingPlan withBatchSize(int n) {
        return new TrainingPlan(model, activation, optimizer, lr, momentum, epochs, n, seed, workers, checkpointDir,
                checkpointSteps, timeoutSeconds, faultAtStep);
    }

    /** @return this plan with resumable checkpoints in a folder, each epoch and every {@code steps} steps */
    public TrainingPlan withCheckpoints(String folder, long steps) {
        return new TrainingPlan(model, activation, optimizer, lr, momentum, epochs, batchSize, seed, workers, folder,
                steps, timeoutSeconds, faultAtStep);
    }

    /** @return this plan with an injected fault: rank 1's first attempt fails after this global step (tests) */
    public TrainingPlan withFaultAtStep(long step) {
        return new TrainingPlan(model, activation, optimizer, lr, momentum, epochs, batchSize, seed, workers,
                checkpointDir, checkpointSteps, timeoutSeconds, step);
    }
}
