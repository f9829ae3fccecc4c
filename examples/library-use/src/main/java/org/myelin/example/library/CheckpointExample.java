package org.myelin.example.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Linear;
import org.myelin.nn.Module;
import org.myelin.nn.ReLU;
import org.myelin.nn.Sequential;
import org.myelin.nn.io.SafeTensors;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.Adam;
import org.myelin.optim.CosineAnnealingLR;
import org.myelin.train.Trainer;
import org.myelin.train.TrainingCheckpoint;

/**
 * The training lifecycle from code: train with a {@link Trainer}, save a training checkpoint,
 * resume it in a fresh model and optimizer, and save the weights alone, as PyTorch's
 * {@code torch.save(model.state_dict())} does. Checks that 2 epochs, then a resumed third, give
 * the same weights bit for bit as 3 epochs straight, and that the saved weights load back; exits
 * with status 1 otherwise.
 */
public final class CheckpointExample {
    private CheckpointExample() {}

    private static Module model() {
        return new Sequential(new Linear(8, 32), new ReLU(), new Linear(32, 3));
    }

    private static Trainer trainer(Module model) {
        Adam adam = new Adam(model.parameters(), 0.01);
        return new Trainer(model, new CrossEntropyLoss(), adam).scheduler(new CosineAnnealingLR(adam, 3, 0)).clipGradNorm(1.0);
    }

    /** @param args none */
    public static void main(String[] args) throws Exception {
        Tensor.manualSeed(7);
        Tensor x = Tensor.randn(600, 8);
        Tensor y = x.slice(1, 0, 3).argmax(1); // the class is the largest of the first three features
        DataLoader data = new DataLoader(new TensorDataset(x, y), 32).shuffle(1);
        Path dir = Files.createTempDirectory("myelin-checkpoint-example");

        Tensor.manualSeed(1);
        Module straight = model();
        trainer(straight).fit(data, 3);

        Tensor.manualSeed(1);
        Module first = model();
        Trainer interrupted = trainer(first);
        interrupted.fit(data, 2);
        Path checkpoint = dir.resolve("epoch-2.safetensors");
        TrainingCheckpoint.save(checkpoint, interrupted, Map.of("note", "the example's run"));

        Tensor.manualSeed(99); // another seed: everything the run needs comes from the checkpoint
        Module resumedModel = model();
        Trainer resumed = trainer(resumedModel);
        TrainingCheckpoint.load(checkpoint).restore(resumed);
        resumed.fit(data, 3);
        boolean same = same(straight.stateDict(), resumedModel.stateDict());
        System.out.println("resumed at epoch " + 3 + ": " + (same ? "the same weights as 3 epochs straight, bit for bit"
                : "DIFFERENT weights from 3 epochs straight"));

        Path weights = dir.resolve("model.safetensors");
        SafeTensors.save(weights, resumedModel.stateDict(), Map.of("model", "8-32-3"));
        Module loaded = model();
        loaded.loadStateDict(SafeTensors.load(weights).tensors());
        boolean loadsBack = same(resumedModel.stateDict(), loaded.stateDict());
        try (var g = GradMode.noGrad()) {
            double right = loaded.forward(x).argmax(1).eq(y).to(org.myelin.api.DType.FLOAT32).sum().item();
            System.out.printf("weights saved to %s and loaded back: %s; accuracy %.1f%%%n", weights,
                    loadsBack ? "identical" : "DIFFERENT", 100.0 * right / x.size(0));
        }
        if (!same || !loadsBack) {
            System.exit(1);
        }
    }

    private static boolean same(Map<String, Tensor> a, Map<String, Tensor> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!Arrays.equals(a.get(k).toFloatArray(), b.get(k).toFloatArray())) {
                return false;
            }
        }
        return true;
    }
}
