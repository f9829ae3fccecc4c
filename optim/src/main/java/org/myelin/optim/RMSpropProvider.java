package org.myelin.optim;

import java.util.List;
import java.util.Map;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.api.spi.OptimizerProvider;

/** Provides {@link RMSprop} as {@code rmsprop}. Options: lr (default 0.01), alpha, eps, momentum, weightDecay, centered (1/0). */
public final class RMSpropProvider implements OptimizerProvider {
    private static final List<String> OPTIONS = List.of("lr", "alpha", "eps", "momentum", "weightDecay", "centered");

    /** Creates the provider; ServiceLoader calls this. */
    public RMSpropProvider() {}

    /** @return {@code rmsprop} */
    @Override
    public String name() {
        return "rmsprop";
    }

    /** @return a new {@link RMSprop} configured from the options */
    @Override
    public Optimizer create(List<Tensor> parameters, Map<String, Double> options) {
        var read = new OptionReader(name(), options, OPTIONS);
        return new RMSprop(parameters, read.number("lr", RMSprop.DEFAULT_LR))
                .alpha(read.number("alpha", 0.99))
                .eps(read.number("eps", 1e-8))
                .momentum(read.number("momentum", 0))
                .weightDecay(read.number("weightDecay", 0))
                .centered(read.flag("centered", false));
    }
}
