package org.myelin.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.api.DataFormatException;
import org.myelin.api.Generator;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;
import org.myelin.nn.io.SafeTensors;

/**
 * Everything a run needs to resume bit for bit, in one safetensors file: the weights
 * ({@code model.*}), the optimizer's state ({@code optimizer.*}), the schedule's
 * ({@code scheduler.*}), and in the metadata the trainer's counters, the state of the thread's default
 * {@link Generator} (dropout draws from it) and the caller's own entries (the model spec, the
 * dataset). Written atomically, as every save here.
 *
 * <pre>{@code
 * TrainingCheckpoint.save(Path.of("run.ckpt.safetensors"), trainer, Map.of("model", "784-30-10"));
 * // later, in a new process, with a trainer built the same way:
 * TrainingCheckpoint.load(Path.of("run.ckpt.safetensors")).restore(trainer);
 * trainer.fit(loader, 10);   // continues from the epoch and step it was saved at
 * }</pre>
 *
 * <p>The weights alone, for PyTorch or {@code myelin eval}, are {@code model.stateDict()} saved with
 * {@link SafeTensors#save}; {@link #weights()} gives them back from a training checkpoint.
 */
public final class TrainingCheckpoint {
    /** The metadata entry that marks a training checkpoint, and its format's version. */
    public static final String FORMAT_KEY = "myelin.training";
    private static final String FORMAT = "1";
    private static final String PREFIX = "myelin.";

    private final Path file;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private TrainingCheckpoint(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.file = file;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * @param file     the file to write, replaced atomically
     * @param trainer  the run, between steps (from a callback or after {@link Trainer#fit})
     * @param metadata the caller's entries, such as the model spec; names must not start with {@code myelin.}
     */
    public static void save(Path file, Trainer trainer, Map<String, String> metadata) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        trainer.model().stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        trainer.optimizer().stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        if (trainer.scheduler() != null) {
            trainer.scheduler().stateDict().forEach((k, v) -> tensors.put("scheduler." + k, v));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (var e : metadata.entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                throw new InvalidArgumentException("TrainingCheckpoint.save: the metadata name '" + e.getKey()
                        + "' starts with " + PREFIX + ", which the checkpoint keeps for itself; choose another");
            }
            meta.put(e.getKey(), e.getValue());
        }
        Trainer.Progress p = trainer.progress;
        long[] generator = Tensor.defaultGenerator().state();
        meta.put(FORMAT_KEY, FORMAT);
        meta.put(PREFIX + "epochs_done", Integer.toString(p.epochsDone));
        meta.put(PREFIX + "step_in_epoch", Long.toString(p.stepInEpoch));
        meta.put(PREFIX + "global_step", Long.toString(p.globalStep));
        meta.put(PREFIX + "epoch_loss_sum", Double.toString(p.epochLossSum));
        meta.put(PREFIX + "epoch_examples", Long.toString(p.epochExamples));
        meta.put(PREFIX + "epoch_train_seconds", Double.toString(p.epochTrainSeconds));
        meta.put(PREFIX + "first_loss", Double.toString(p.firstLoss));
        meta.put(PREFIX + "warned", Boolean.toString(p.warned));
        meta.put(PREFIX + "best_score", Double.toString(p.bestScore));
        meta.put(PREFIX + "best_epoch", Integer.toString(p.bestEpoch));
        meta.put(PREFIX + "epochs_since_best", Integer.toString(p.epochsSinceBest));
        meta.put(PREFIX + "stopped", Boolean.toString(p.stopped));
        meta.put(PREFIX + "generator", generator[0] + ":" + generator[1]);
        SafeTensors.save(file, tensors, meta);
    }

    /**
     * Reads and checks a checkpoint; nothing is restored until {@link #restore}.
     *
     * @param file the file
     * @return the checkpoint
     * @throws DataFormatException when the file is not a valid safetensors file, or holds weights alone
     */
    public static TrainingCheckpoint load(Path file) {
        SafeTensors.Contents contents = SafeTensors.load(file);
        String format = contents.metadata().get(FORMAT_KEY);
        if (format == null) {
            throw new DataFormatException(file + ": holds weights alone, not a training checkpoint (no " + FORMAT_KEY
                    + " in its metadata); resume from a checkpoint written while training (myelin train "
                    + "--checkpoint-every, or TrainingCheckpoint.save), or start afresh");
        }
        if (!format.equals(FORMAT)) {
            throw new DataFormatException(file + ": " + FORMAT_KEY + " is '" + format + "', but this Myelin reads version "
                    + FORMAT + "; resume it with the Myelin that wrote it");
        }
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(file, contents.tensors(), contents.metadata());
        checkpoint.counters(); // every counter is read once here, so a bad one is refused before anything is restored
        return checkpoint;
    }

    /** @return the caller's metadata entries, without the checkpoint's own */
    public Map<String, String> metadata() {
        Map<String, String> own = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                own.put(k, v);
            }
        });
        return own;
    }

    /** @return the model's weights, under their state-dict names */
    public Map<String, Tensor> weights() {
        return withPrefix("model.");
    }

    /** @return the epochs the run had finished */
    public int epochsDone() {
        return counters().epochsDone;
    }

    /** @return the optimizer steps the run had taken */
    public long globalStep() {
        return counters().globalStep;
    }

    /**
     * Puts the run's state into a trainer built as the saved one was (the same model, optimizer
     * type and schedule). Everything is checked against the trainer first, so a checkpoint of
     * another model or optimizer is refused and changes nothing.
     *
     * @param trainer the trainer to continue
     * @throws InvalidArgumentException when the checkpoint does not fit the trainer
     */
    public void restore(Trainer trainer) {
        Map<String, Tensor> weights = weights();
        Map<String, Tensor> optimizerState = withPrefix("optimizer.");
        Map<String, Tensor> schedulerState = withPrefix("scheduler.");
        if (schedulerState.isEmpty() != (trainer.scheduler() == null)) {
            throw new InvalidArgumentException(file + ": the run was saved " + (schedulerState.isEmpty() ? "without" : "with")
                    + " a learning-rate schedule, and this one has " + (trainer.scheduler() == null ? "none" : "one")
                    + "; resume with the schedule it was trained with");
        }
        Map<String, Tensor> current = trainer.model().stateDict();
        if (!current.keySet().equals(weights.keySet())) {
            throw new InvalidArgumentException(file + ": its weights " + weights.keySet() + " are not this model's "
                    + current.keySet() + "; resume with the model it was trained with");
        }
        for (var e : current.entrySet()) {
            if (!e.getValue().shape().equals(weights.get(e.getKey()).shape())) {
                throw new InvalidArgumentException(file + ": its " + e.getKey() + " has shape " + weights.get(e.getKey()).shape()
                        + ", this model's " + e.getValue().shape() + "; resume with the model it was trained with");
            }
        }
        Trainer.Progress saved = counters();
        Map<String, Tensor> oldWeights = new LinkedHashMap<>();
        current.forEach((k, v) -> oldWeights.put(k, v.detach().copy()));
        Map<String, Tensor> oldOptimizer = trainer.optimizer().stateDict();
        try {
            trainer.model().loadStateDict(weights);
            trainer.optimizer().loadStateDict(optimizerState);
            if (trainer.scheduler() != null) {
                trainer.scheduler().loadStateDict(schedulerState);
            }
        } catch (RuntimeException e) {
            trainer.model().loadStateDict(oldWeights);
            trainer.optimizer().loadStateDict(oldOptimizer);
            throw new InvalidArgumentException(file + ": " + e.getMessage());
        }
        Tensor.defaultGenerator().setState(generatorState());
        Trainer.Progress p = trainer.progress;
        p.epochsDone = saved.epochsDone;
        p.stepInEpoch = saved.stepInEpoch;
        p.globalStep = saved.globalStep;
        p.epochLossSum = saved.epochLossSum;
        p.epochExamples = saved.epochExamples;
        p.epochTrainSeconds = saved.epochTrainSeconds;
        p.firstLoss = saved.firstLoss;
        p.warned = saved.warned;
        p.bestScore = saved.bestScore;
        p.bestEpoch = saved.bestEpoch;
        p.epochsSinceBest = saved.epochsSinceBest;
        p.stopped = saved.stopped;
    }

    private Map<String, Tensor> withPrefix(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private Trainer.Progress counters() {
        Trainer.Progress p = new Trainer.Progress();
        p.epochsDone = (int) number("epochs_done", 0, Integer.MAX_VALUE);
        p.stepInEpoch = number("step_in_epoch", 0, Long.MAX_VALUE);
        p.globalStep = number("global_step", 0, Long.MAX_VALUE);
        p.epochLossSum = real("epoch_loss_sum");
        p.epochExamples = number("epoch_examples", 0, Long.MAX_VALUE);
        p.epochTrainSeconds = real("epoch_train_seconds");
        p.firstLoss = real("first_loss");
        p.warned = flag("warned");
        p.bestScore = real("best_score");
        p.bestEpoch = (int) number("best_epoch", 0, Integer.MAX_VALUE);
        p.epochsSinceBest = (int) number("epochs_since_best", 0, Integer.MAX_VALUE);
        p.stopped = flag("stopped");
        generatorState();
        return p;
    }

    private String field(String name) {
        String value = metadata.get(PREFIX + name);
        if (value == null) {
            throw new DataFormatException(file + ": __metadata__." + PREFIX + name + " is missing; the checkpoint is "
                    + "incomplete, so resume from another one");
        }
        return value;
    }

    private DataFormatException bad(String name, String value, String expected) {
        return new DataFormatException(file + ": __metadata__." + PREFIX + name + " is '" + value + "', not " + expected
                + "; the checkpoint is damaged, so resume from another one");
    }

    private long number(String name, long min, long max) {
        String value = field(name);
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw bad(name, value, "a count from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(name, value, "a whole number");
        }
    }

    private double real(String name) {
        String value = field(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw bad(name, value, "a number");
        }
    }

    private boolean flag(String name) {
        String value = field(name);
        if (!value.equals("true") && !value.equals("false")) {
            throw bad(name, value, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private long[] generatorState() {
        String value = field("generator");
        String[] parts = value.split(":");
        try {
            long[] state = {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
            if (parts.length != 2 || state[1] < 0) {
                throw bad("generator", value, "a seed and a draw count (seed:draws)");
            }
            return state;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw bad("generator", value, "a seed and a draw count (seed:draws)");
        }
    }
}
