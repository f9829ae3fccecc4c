package org.myelin.cli;

import java.io.PrintWriter;
import org.myelin.api.Device;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;

/** The course's loop: forward, loss, zeroGrad, backward, step; once per batch. */
final class TrainingLoop {
    private final Module model;
    private final Optimizer optimizer;
    private final CrossEntropyLoss loss;
    private final Device device;

    TrainingLoop(Module model, Optimizer optimizer, CrossEntropyLoss loss, Device device) {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        this.device = device;
    }

    /** @return the mean training loss over the epoch */
    double epoch(DataLoader loader, String task, PrintWriter out) {
        model.train();
        double sum = 0;
        long steps = 0;
        long examples = 0;
        try (Progress progress = Progress.start(task, loader.numBatches(), out)) {
            for (DataLoader.Batch batch : loader) {
                Tensor x = batch.inputs().to(device);
                Tensor y = batch.targets().to(device);
                Tensor l = loss.forward(model.forward(x), y);
                optimizer.zeroGrad();
                l.backward();
                optimizer.step();
                sum += l.item();
                steps++;
                examples += x.size(0);
                progress.update(steps, sum / steps, examples);
            }
        }
        return steps == 0 ? Double.NaN : sum / steps;
    }
}
