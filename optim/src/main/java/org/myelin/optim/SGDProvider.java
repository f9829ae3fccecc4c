package org.myelin.optim;

import java.util.List;
import java.util.Map;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.api.spi.OptimizerProvider;

/** Provides {@link SGD} as {@code sgd}. Options: lr (required, as in PyTorch), momentum, dampening, nesterov (1/0), weightDecay. */
public final class SGDProvider implements OptimizerProvider {
    private static final List<String> OPTIONS = List.of("lr", "momentum", "dampening", "nesterov", "weightDecay");

    /** Creates the provider; ServiceLoader calls this. */
    public SGDProvider() {}

    /** @return {@code sgd} */
    @Override
    public String name() {
        return "sgd";
    }

    /** @return a new {@link SGD} configured from the options */
    @Override
    public Optimizer create(List<Tensor> parameters, Map<String, Double> options) {
        var read = new OptionReader(name(), options, OPTIONS);
        return new SGD(parameters, read.requiredLearningRate())
                .momentum(read.number("momentum", 0))
                .dampening(read.number("dampening", 0))
                .nesterov(read.flag("nesterov", false))
                .weightDecay(read.number("weightDecay", 0));
    }
}
