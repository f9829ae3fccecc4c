package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * log(softmax(x)) along one axis, computed stably as x - logsumexp(x); pair it with
 * {@link org.myelin.nn.loss.NLLLoss}, or drop it and use {@link org.myelin.nn.loss.CrossEntropyLoss}.
 */
public class LogSoftmax extends Module implements KeepsFeatures {
    private final int dim;

    /** @param dim the axis to normalise along; -1 is the last */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    /** @return the axis normalised along */
    public int dim() {
        return dim;
    }

    /** @param input any shape with that axis @return the log-softmax along it */
    @Override
    public Tensor forward(Tensor input) {
        return input.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }

    /** Builds {@code log_softmax(dim)} from a layer spec; without an argument the axis is -1. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("log_softmax", "log_softmax(dim), dim -1 (the last axis) when left out");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 1);
            return new LogSoftmax(axis(args, 0, -1));
        }
    }
}
