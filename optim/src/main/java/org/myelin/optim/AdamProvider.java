package org.myelin.optim;

import java.util.List;
import java.util.Map;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.api.spi.OptimizerProvider;

/** Provides {@link Adam} as {@code adam}. Options: lr (default 1e-3), beta1, beta2, eps, weightDecay, amsgrad (1/0). */
public final class AdamProvider implements OptimizerProvider {
    private static final List<String> OPTIONS = List.of("lr", "beta1", "beta2", "eps", "weightDecay", "amsgrad");

    /** Creates the provider; ServiceLoader calls this. */
    public AdamProvider() {}

    /** @return {@code adam} */
    @Override
    public String name() {
        return "adam";
    }

    /** @return a new {@link Adam} configured from the options */
    @Override
    public Optimizer create(List<Tensor> parameters, Map<String, Double> options) {
        var read = new OptionReader(name(), options, OPTIONS);
        return new Adam(parameters, read.number("lr", Adam.DEFAULT_LR))
                .betas(read.number("beta1", 0.9), read.number("beta2", 0.999))
                .eps(read.number("eps", 1e-8))
                .weightDecay(read.number("weightDecay", 0))
                .amsgrad(read.flag("amsgrad", false));
    }
}
