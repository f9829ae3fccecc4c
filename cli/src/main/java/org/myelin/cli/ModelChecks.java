package org.myelin.cli;

import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;
import org.myelin.nn.Module;

/** Checks a model against the data set before training starts, so a mismatch is one line and not an epoch's wait. */
final class ModelChecks {
    /** Both data sets the command line knows: 28x28 gray images, ten classes. */
    static final int INPUTS = 784;
    static final int CLASSES = 10;

    private ModelChecks() {}

    /**
     * Runs one example of zeros through the model, in evaluation mode and without a graph, so the
     * random generator is not drawn from and the run stays the run its seed names.
     */
    static void fitsClasses(Module net, String spec, DatasetChoice dataset) {
        boolean training = net.isTraining();
        long outputs;
        String shape;
        net.eval();
        try (var g = GradMode.noGrad()) {
            Tensor out = net.forward(Tensor.zeros(1, INPUTS));
            outputs = out.shape().rank() == 2 ? out.shape().size(1) : -1;
            shape = out.shape().toString();
        } catch (MyelinException e) {
            throw new InvalidArgumentException("the model '" + spec + "' does not take " + dataset.cliName + "'s "
                    + INPUTS + " inputs (28x28 pixels): " + e.getMessage());
        } finally {
            net.setTraining(training);
        }
        if (outputs != CLASSES) {
            throw new InvalidArgumentException("the model '" + spec + "' gives outputs of shape " + shape + " for one example, but " + dataset.cliName
                    + " has " + CLASSES + " classes; make its last layer " + CLASSES + " wide (for example ...-" + CLASSES + ")");
        }
    }
}
