package org.myelin.optim;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.api.UnknownNameException;
import org.myelin.api.spi.OptimizerProvider;

/** Builds optimizers by name from every {@link OptimizerProvider} found; the highest priority wins a name. */
public final class Optimizers {
    private Optimizers() {}

    /** @return the providers found, by name */
    public static Map<String, OptimizerProvider> available() {
        Map<String, OptimizerProvider> byName = new TreeMap<>();
        for (OptimizerProvider p : ServiceLoader.load(OptimizerProvider.class)) {
            byName.merge(p.name(), p, (a, b) -> a.priority() >= b.priority() ? a : b);
        }
        return byName;
    }

    /**
     * @param name       the optimizer's name, such as {@code sgd}
     * @param parameters the tensors to update
     * @param options    settings such as {@code lr}
     * @return a new optimizer
     * @throws UnknownNameException when no provider has that name
     */
    public static Optimizer create(String name, List<Tensor> parameters, Map<String, Double> options) {
        OptimizerProvider p = available().get(name);
        if (p == null) {
            throw new UnknownNameException("unknown optimizer '" + name + "'; available: " + available().keySet());
        }
        return p.create(parameters, options);
    }
}
