package org.myelin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.myelin.train.EpochMetrics;
import org.myelin.train.StepMetrics;
import org.myelin.train.Trainer;
import org.myelin.train.TrainerCallback;
import org.myelin.train.TrainingCheckpoint;

/**
 * {@code --checkpoint-every}: writes a training checkpoint every N epochs or steps into the
 * checkpoint folder, keeps the last K of them, and keeps {@code best.safetensors}, the checkpoint of
 * the best validation accuracy, when there is a validation set.
 */
final class CheckpointKeeper implements TrainerCallback {
    private final Trainer trainer;
    private final CheckpointEvery every;
    private final Path folder;
    private final int keep;
    private final Map<String, String> metadata;
    private final PrintWriter out;
    private final Deque<Path> written = new ArrayDeque<>();

    CheckpointKeeper(Trainer trainer, CheckpointEvery every, Path folder, int keep, Map<String, String> metadata, PrintWriter out) {
        this.trainer = trainer;
        this.every = every;
        this.folder = folder;
        this.keep = keep;
        this.metadata = metadata;
        this.out = out;
    }

    @Override
    public void onStep(StepMetrics step) {
        if (every.steps() && step.globalStep() % every.count() == 0 && step.step() < step.steps()) {
            save("checkpoint-step-" + step.globalStep() + ".safetensors");
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        boolean due = every.steps() ? trainer.globalStep() % every.count() == 0 : metrics.epoch() % every.count() == 0;
        if (due) {
            save(every.steps() ? "checkpoint-step-" + trainer.globalStep() + ".safetensors"
                    : "checkpoint-epoch-" + metrics.epoch() + ".safetensors");
        }
        if (metrics.best()) {
            Activity.set("saving " + folder.resolve("best.safetensors"));
            TrainingCheckpoint.save(folder.resolve("best.safetensors"), trainer, metadata);
        }
    }

    private void save(String name) {
        Path file = folder.resolve(name);
        Activity.set("saving " + file);
        TrainingCheckpoint.save(file, trainer, metadata);
        written.remove(file);
        written.addLast(file);
        while (written.size() > keep) {
            Path old = written.removeFirst();
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                out.println("myelin: warning: could not remove the old checkpoint " + old + ": " + e.getMessage());
            }
        }
        out.println("checkpoint " + file);
        out.flush();
    }
}
