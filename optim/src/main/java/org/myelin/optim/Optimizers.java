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

    /** @return the providers ServiceLoader finds, by name; where two share a name, the higher priority */
    public static Map<String, OptimizerProvider> available() {
        return available(ServiceLoader.load(OptimizerProvider.class));
    }

    /**
     * @param providers the providers to choose among, such as the built-in ones plus a plugins folder's
     * @return the winning provider for each name (the higher priority; on a tie the first given), sorted by name
     */
    public static Map<String, OptimizerProvider> available(Iterable<? extends OptimizerProvider> providers) {
        Map<String, OptimizerProvider> byName = new TreeMap<>();
        for (OptimizerProvider p : providers) {
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
        return create(name, parameters, options, ServiceLoader.load(OptimizerProvider.class));
    }

    /**
     * As {@link #create(String, List, Map)}, choosing among the given providers.
     *
     * @param name       the optimizer's name
     * @param parameters the tensors to update
     * @param options    settings such as {@code lr}
     * @param providers  the providers to choose among
     * @return a new optimizer
     * @throws UnknownNameException when no provider has that name
     */
    public static Optimizer create(String name, List<Tensor> parameters, Map<String, Double> options,
                                   Iterable<? extends OptimizerProvider> providers) {
        Map<String, OptimizerProvider> byName = available(providers);
        OptimizerProvider p = byName.get(name);
        if (p == null) {
            throw new UnknownNameException("unknown optimizer '" + name + "'; available: " + byName.keySet());
        }
        return p.create(parameters, options);
    }
}
