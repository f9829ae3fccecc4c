package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.api.AnomalyException;
import org.myelin.api.Device;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.api.spi.EngineRuntime;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.distributed.DistributedDataParallel;
import org.myelin.distributed.DistributedSampler;
import org.myelin.distributed.ProcessGroup;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.Optimizers;
import org.myelin.train.Trainer;
import org.myelin.train.TrainingCheckpoint;
import org.myelin.train.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code myelin train}: trains a classifier on MNIST or Fashion-MNIST. With no options it is the
 * course's network: 784-30-10 sigmoid, batch 10, SGD at learning rate 0.5, 3 epochs.
 */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train a network on MNIST or Fashion-MNIST; fetches the data on first use.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "784-30-10", description = "Layer sizes such as 784-30-10, a layer spec such as \"linear(784,30) sigmoid linear(30,10)\" or \"conv2d(1,6,5,padding=2) relu maxpool2d(2) ...\", or lenet5 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--activation", defaultValue = "sigmoid", description = "Activation between layers for the sizes form (default: ${DEFAULT-VALUE}).")
    String activation;

    @Mixin
    DataOptions data;

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training set, in all; a resumed run counts "
            + "those already done, and trains to the checkpoint's total unless this is given (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "10", description = "Examples per step (default: ${DEFAULT-VALUE}; 64 for lenet5).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.5", description = "Learning rate (default: ${DEFAULT-VALUE}; 0.002 for lenet5).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adam, adamw, rmsprop, or a plugin's (default: ${DEFAULT-VALUE}; adam for lenet5).")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0", description = "Momentum for sgd and rmsprop (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", description = "L2 weight decay: theta <- (1 - lr*wd) theta - lr*grad for sgd; "
            + "decoupled for adamw (default: the optimizer's, 0, and 0.01 for adamw).")
    Double weightDecay;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout after each hidden activation (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--lr-schedule", defaultValue = "none", description = "Learning-rate schedule, stepped each epoch: " + LrSchedule.HELP + " (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--clip-grad-norm", paramLabel = "MAX", description = "Scale the gradients down when their total norm is above MAX.")
    Double clipGradNorm;

    @Option(names = "--val-split", defaultValue = "0", description = "Share of the training set held out for validation each epoch, e.g. 0.1 (default: ${DEFAULT-VALUE}).")
    double valSplit;

    @Option(names = "--patience", defaultValue = "0", description = "Stop after this many epochs without a better validation accuracy; needs --val-split (default: 0, never).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for initialisation, shuffling, the validation split and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DeviceOptions deviceOptions;

    @Option(names = "--nproc", paramLabel = "N", defaultValue = "1", description = "Train on N worker processes on this "
            + "machine, as torchrun: each takes batch-size/N examples of every batch and the gradients are averaged, so "
            + "the run computes what one process does; worker 0 reports and saves (default: ${DEFAULT-VALUE}).")
    int nproc;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the trained weights to this safetensors file (loadable by PyTorch and myelin eval/predict).")
    Path save;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Write a training checkpoint every N epochs, or every N steps with a suffix (500steps), for --resume.")
    String checkpointEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", defaultValue = "checkpoints", description = "Where checkpoints go (default: ${DEFAULT-VALUE}).")
    Path checkpointDir;

    @Option(names = "--keep", defaultValue = "3", description = "How many of the latest checkpoints to keep, besides best.safetensors (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue the run saved in this training checkpoint, with its settings, to the end it was planned for (or to --epochs).")
    Path resume;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Write metrics.csv (one row per epoch) and curves.html there.")
    Path logDir;

    @Option(names = "--detect-anomaly", description = "Check every operation and gradient for NaN and infinity, and name "
            + "the first operator that makes one (slow; for finding where a run breaks).")
    boolean detectAnomaly;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        WorkerEnvironment worker = WorkerEnvironment.of(System.getenv());
        if (worker != null && System.getProperty("myelin.threads") == null && System.getenv(WorkerEnvironment.THREADS) != null) {
            System.setProperty("myelin.threads", System.getenv(WorkerEnvironment.THREADS));
        }
        PrintWriter out = spec.commandLine().getOut();
        TrainingCheckpoint checkpoint = resume == null ? null : TrainingCheckpoint.load(resume);
        if (checkpoint != null) {
            try {
                adoptSettingsOf(checkpoint);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException(resume + ": a setting in its metadata is not a number (" + e.getMessage()
                        + "); the file was changed after it was written, so start a new run without --resume");
            }
        }
        if (checkpoint == null) {
            adoptPresetRecipe();
        }
        validate();
        LrSchedule schedule = LrSchedule.parse(lrSchedule, epochs);
        lrSchedule = schedule.canonical();
        Device target = deviceOptions.select();
        Tensor.manualSeed(seed);
        DatasetChoice dataset = data.choice();
        Plugins plugins = main.plugins();
        Module net = ModelBudget.build("the model '" + model + "'",
                () -> Layers.parse(model, activation, dropout, org.myelin.nn.Dropout.Mode.INVERTED, plugins.layerProviders()));
        ModelChecks.fitsClasses(net, model, dataset);
        if (worker == null && nproc > 1) {
            // Fetched once here, so that the workers do not all download it at once.
            data.load(true, out);
            data.load(false, out);
            return WorkerLauncher.launch(nproc, given("--threads") ? Integer.getInteger("myelin.threads", 0) : 0,
                    spec.commandLine().getErr());
        }
        try (ProcessGroup group = worker == null ? null : joinRun(worker, target)) {
            return train(out, checkpoint, schedule, target, dataset, plugins, net, group);
        }
    }

    private ProcessGroup joinRun(WorkerEnvironment worker, Device target) {
        if (given("--nproc") && nproc != worker.worldSize()) {
            throw new InvalidArgumentException("--nproc " + nproc + " differs from " + WorkerEnvironment.WORLD_SIZE + "="
                    + worker.worldSize() + "; give one or the other");
        }
        splitsOver(worker.worldSize());
        if (!target.equals(Device.CPU)) {
            throw new InvalidArgumentException("training on several workers runs on the CPU; leave --device out");
        }
        worker.stopWithTheLauncher();
        Activity.set("meeting the other workers at " + worker.rendezvous());
        return worker.join();
    }

    private void splitsOver(int workers) {
        if (batchSize % workers != 0) {
            throw new InvalidArgumentException("--batch-size " + batchSize + " does not split evenly over " + workers
                    + " workers; give a multiple of " + workers);
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private int train(PrintWriter out, TrainingCheckpoint checkpoint, LrSchedule schedule, Device target,
                      DatasetChoice dataset, Plugins plugins, Module net, ProcessGroup group) {
        boolean reports = group == null || group.rank() == 0;
        int world = group == null ? 1 : group.worldSize();
        net.to(target);
        Optimizer opt = Optimizers.create(optimizer.toLowerCase(Locale.ROOT), net.parameters(), optimizerOptions(),
                plugins.optimizerProviders());
        Activity.set("loading " + dataset.cliName);
        TensorDataset train = data.load(true, out);
        TensorDataset test = data.load(false, out);
        TensorDataset validation = null;
        if (valSplit > 0) {
            long held = Math.max(1, Math.round(valSplit * train.size()));
            TensorDataset[] parts = train.randomSplit(held, seed);
            train = parts[0];
            validation = parts[1];
        }
        Trainer trainer = new Trainer(net, new CrossEntropyLoss(), opt).scheduler(schedule.build(opt)).device(target)
                .validation(validation == null ? null : new DataLoader(validation, 1000)).earlyStopping(patience);
        if (group != null) {
            // Its communication thread is a daemon, and the worker ends with the run.
            trainer.through(new DistributedDataParallel(net, group));
        }
        if (clipGradNorm != null) {
            trainer.clipGradNorm(clipGradNorm);
        }
        Map<String, String> metadata = settings();
        if (checkpoint != null) {
            checkpoint.restore(trainer);
            if (trainer.epochsDone() >= epochs) {
                throw new InvalidArgumentException(resume + " has already trained " + trainer.epochsDone() + " of its "
                        + epochs + " epochs; give --epochs above " + trainer.epochsDone() + " to train more");
            }
            out.printf("resuming %s at epoch %d, step %d%n", resume, trainer.epochsDone() + 1, trainer.globalStep());
        }
        var backend = EngineRuntime.get().backendFor(target.type());
        out.printf("training %s on %s (%d examples%s) with %s, batch %d%s, lr %s, backend %s (%s)%n", model, dataset.cliName,
                train.size(), validation == null ? "" : ", " + validation.size() + " held out for validation", optimizer,
                batchSize, world == 1 ? "" : " (" + batchSize / world + " on each of " + world + " workers)", lr,
                backend.name(), backend.description());
        if (!reports) {
            trainer.fit(loader(train, group), epochs);
            return 0;
        }
        EpochReport report = new EpochReport(net, new DataLoader(test, 1000), epochs, model, out, spec.commandLine().getErr(),
                logDir == null ? null : MetricsLog.continuing(logDir, model + " on " + dataset.cliName, trainer.epochsDone(),
                        spec.commandLine().getErr()));
        trainer.callback(report);
        if (checkpointEvery != null) {
            trainer.callback(new CheckpointKeeper(trainer, CheckpointEvery.parse(checkpointEvery), checkpointDir, keep, metadata, out));
        }
        Activity.set("training the model '" + model + "'");
        try (var anomalies = detectAnomaly ? GradMode.detectAnomaly() : null) {
            trainer.fit(loader(train, group), epochs);
        } catch (AnomalyException e) {
            throw new RunFailed(e.getMessage() + nothingSaved());
        } catch (TrainingDivergedException e) {
            throw new RunFailed("training diverged: the loss became " + (Double.isNaN(e.loss()) ? "NaN" : "infinite")
                    + " at epoch " + e.epoch() + ", step " + e.step() + " (learning rate " + e.learningRate()
                    + "); lower --lr (try ten times smaller), or run with --detect-anomaly to see which operator made it"
                    + nothingSaved());
        } finally {
            report.close();
        }
        if (save != null) {
            Activity.set("saving " + save);
            CheckpointSave.withFallback(save, net.stateDict(), metadata, out);
        }
        return 0;
    }

    /** One process walks every batch; each of N workers walks its 1/N of every batch, the same batches between them. */
    private DataLoader loader(TensorDataset train, ProcessGroup group) {
        if (group == null) {
            return new DataLoader(train, batchSize).shuffle(seed);
        }
        return new DataLoader(train, batchSize / group.worldSize())
                .sampler(new DistributedSampler(train.size(), group.rank(), group.worldSize(), seed, true));
    }

    private String nothingSaved() {
        return save == null ? "" : "; nothing was saved" + (Files.exists(save) ? ", so " + save + " still holds what it held" : "");
    }

    /** What makes a run this run: written into every checkpoint, and taken back from one by --resume. */
    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("format", "myelin");
        s.put("model", model);
        s.put("activation", activation);
        s.put("dropout", Double.toString(dropout));
        s.put("dataset", data.choice().cliName);
        s.put("optimizer", optimizer.toLowerCase(Locale.ROOT));
        s.put("lr", Double.toString(lr));
        s.put("momentum", Double.toString(momentum));
        s.put("weight_decay", weightDecay == null ? "default" : Double.toString(weightDecay));
        s.put("batch_size", Integer.toString(batchSize));
        s.put("seed", Long.toString(seed));
        s.put("lr_schedule", lrSchedule);
        s.put("clip_grad_norm", clipGradNorm == null ? "none" : Double.toString(clipGradNorm));
        s.put("val_split", Double.toString(valSplit));
        s.put("epochs", Integer.toString(epochs));
        s.put("run.patience", Integer.toString(patience));
        s.put("run.checkpoint_every", checkpointEvery == null ? "none" : checkpointEvery);
        s.put("run.checkpoint_dir", checkpointDir.toString());
        s.put("run.keep", Integer.toString(keep));
        s.put("run.log_dir", logDir == null ? "none" : logDir.toString());
        s.put("run.save", save == null ? "none" : save.toString());
        return s;
    }

    /** The options a resumed run takes from its checkpoint; giving one that differs is an error. */
    private static final Map<String, String> RESUMED = Map.ofEntries(Map.entry("model", "--model"),
            Map.entry("activation", "--activation"), Map.entry("dropout", "--dropout"), Map.entry("dataset", "--dataset"),
            Map.entry("optimizer", "--optimizer"), Map.entry("lr", "--lr"), Map.entry("momentum", "--momentum"),
            Map.entry("weight_decay", "--weight-decay"), Map.entry("batch_size", "--batch-size"), Map.entry("seed", "--seed"),
            Map.entry("lr_schedule", "--lr-schedule"), Map.entry("clip_grad_norm", "--clip-grad-norm"),
            Map.entry("val_split", "--val-split"));

    private void adoptSettingsOf(TrainingCheckpoint checkpoint) {
        Map<String, String> saved = checkpoint.metadata();
        if (!"myelin".equals(saved.get("format")) || !saved.keySet().containsAll(RESUMED.keySet())) {
            throw new InvalidArgumentException(resume + " is a training checkpoint, but not one of myelin train (its "
                    + "metadata lacks the run's settings); resume it from the program that wrote it");
        }
        Map<String, String> given = settingsGivenOnTheCommandLine();
        for (var e : RESUMED.entrySet()) {
            String key = e.getKey();
            if (given.containsKey(key) && !given.get(key).equals(saved.get(key))) {
                throw new InvalidArgumentException(e.getValue() + " " + given.get(key) + " differs from the run in " + resume
                        + " (" + saved.get(key) + "); leave " + e.getValue() + " out to resume it, or start a new run without --resume");
            }
        }
        model = saved.get("model");
        activation = saved.get("activation");
        dropout = Double.parseDouble(saved.get("dropout"));
        data.dataset = saved.get("dataset");
        optimizer = saved.get("optimizer");
        lr = Double.parseDouble(saved.get("lr"));
        momentum = Double.parseDouble(saved.get("momentum"));
        weightDecay = saved.get("weight_decay").equals("default") ? null : Double.valueOf(saved.get("weight_decay"));
        batchSize = Integer.parseInt(saved.get("batch_size"));
        seed = Long.parseLong(saved.get("seed"));
        lrSchedule = saved.get("lr_schedule");
        clipGradNorm = saved.get("clip_grad_norm").equals("none") ? null : Double.valueOf(saved.get("clip_grad_norm"));
        valSplit = Double.parseDouble(saved.get("val_split"));
        epochs = Integer.parseInt(unlessGiven(saved, "--epochs", "epochs", Integer.toString(epochs)));
        // Where the run writes, and when it stops early: the checkpoint's, unless given again.
        patience = Integer.parseInt(unlessGiven(saved, "--patience", "run.patience", Integer.toString(patience)));
        checkpointEvery = orNull(unlessGiven(saved, "--checkpoint-every", "run.checkpoint_every", checkpointEvery));
        checkpointDir = Path.of(unlessGiven(saved, "--checkpoint-dir", "run.checkpoint_dir", checkpointDir.toString()));
        keep = Integer.parseInt(unlessGiven(saved, "--keep", "run.keep", Integer.toString(keep)));
        logDir = pathOrNull(unlessGiven(saved, "--log-dir", "run.log_dir", logDir == null ? null : logDir.toString()));
        save = pathOrNull(unlessGiven(saved, "--save", "run.save", save == null ? null : save.toString()));
    }

    /**
     * A named model's training settings, known to learn it: the course's defaults (sgd, lr 0.5,
     * batch 10) are for its sigmoid network and make LeNet-5 diverge.
     */
    private static final Map<String, Map<String, String>> PRESET_RECIPES = Map.of("lenet5",
            Map.of("--optimizer", "adam", "--lr", "0.002", "--batch-size", "64"));

    private void adoptPresetRecipe() {
        Map<String, String> recipe = PRESET_RECIPES.get(model.trim().toLowerCase(Locale.ROOT));
        if (recipe == null) {
            return;
        }
        var given = spec.commandLine().getParseResult();
        optimizer = given.hasMatchedOption("--optimizer") ? optimizer : recipe.get("--optimizer");
        lr = given.hasMatchedOption("--lr") ? lr : Double.parseDouble(recipe.get("--lr"));
        batchSize = given.hasMatchedOption("--batch-size") ? batchSize : Integer.parseInt(recipe.get("--batch-size"));
    }

    /** @return the checkpoint's value of a setting, unless the command line gives the option (or the checkpoint lacks it) */
    private String unlessGiven(Map<String, String> saved, String option, String key, String current) {
        return spec.commandLine().getParseResult().hasMatchedOption(option) ? current : saved.getOrDefault(key, current);
    }

    private static String orNull(String setting) {
        return setting == null || setting.equals("none") ? null : setting;
    }

    private static Path pathOrNull(String setting) {
        return orNull(setting) == null ? null : Path.of(setting);
    }

    /** @return the settings named on the command line, in the checkpoint's canonical form */
    private Map<String, String> settingsGivenOnTheCommandLine() {
        var parsed = spec.commandLine().getParseResult();
        Map<String, String> canonical = settings();
        canonical.put("lr_schedule", LrSchedule.parse(lrSchedule, epochs).canonical());
        Map<String, String> given = new LinkedHashMap<>();
        RESUMED.forEach((key, option) -> {
            if (parsed.hasMatchedOption(option)) {
                given.put(key, canonical.get(key));
            }
        });
        return given;
    }

    private void validate() {
        if (epochs <= 0) {
            throw new InvalidArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new InvalidArgumentException("--batch-size must be a positive number of examples, got " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidArgumentException("--lr must be a positive learning rate such as 0.1, got " + lr);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new InvalidArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        if (momentum < 0 || (weightDecay != null && weightDecay < 0)) {
            throw new InvalidArgumentException("--momentum and --weight-decay must not be negative");
        }
        if (!(valSplit >= 0 && valSplit < 1)) {
            throw new InvalidArgumentException("--val-split must be a share in [0, 1), such as 0.1, got " + valSplit);
        }
        if (patience < 0 || (patience > 0 && valSplit == 0)) {
            throw new InvalidArgumentException("--patience " + patience + " needs --val-split: early stopping watches the "
                    + "validation accuracy (for example --val-split 0.1 --patience 3)");
        }
        if (clipGradNorm != null && !(clipGradNorm > 0 && Double.isFinite(clipGradNorm))) {
            throw new InvalidArgumentException("--clip-grad-norm must be a positive norm such as 1.0, got " + clipGradNorm);
        }
        if (nproc < 1 || nproc > 64) {
            throw new InvalidArgumentException("--nproc must be from 1 to 64 workers, got " + nproc);
        }
        if (nproc > 1) {
            splitsOver(nproc);
            if (!"cpu".equals(deviceOptions.device)) {
                throw new InvalidArgumentException("training on several workers runs on the CPU; leave --device out");
            }
        }
        if (keep < 1) {
            throw new InvalidArgumentException("--keep must keep at least 1 checkpoint, got " + keep);
        }
        if (checkpointEvery != null) {
            CheckpointEvery.parse(checkpointEvery);
            Writable.folder("--checkpoint-dir", checkpointDir);
        }
        if (logDir != null) {
            Writable.folder("--log-dir", logDir);
        }
        if (save != null) {
            Writable.file("--save", save);
        }
    }

    private Map<String, Double> optimizerOptions() {
        Map<String, Double> options = new LinkedHashMap<>();
        options.put("lr", lr);
        if (momentum != 0) {
            options.put("momentum", momentum);
        }
        if (weightDecay != null) {
            options.put("weightDecay", weightDecay);
        }
        return options;
    }
}
