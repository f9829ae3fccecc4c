package org.myelin.api.spi;

import java.util.List;
import java.util.Map;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;

/** A named optimizer factory, so optimizers can be chosen on the command line. */
public interface OptimizerProvider {

    /** @return the name, lower case, such as {@code sgd} */
    String name();

    /** @return when two providers share a name, the higher priority wins */
    default int priority() {
        return 0;
    }

    /**
     * @param parameters the tensors to update
     * @param options    named settings such as {@code lr}, {@code momentum}, {@code weightDecay}
     * @return a new optimizer
     */
    Optimizer create(List<Tensor> parameters, Map<String, Double> options);
}
