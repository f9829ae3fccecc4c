package org.myelin.optim;

import java.util.List;
import java.util.Map;
import org.myelin.api.InvalidArgumentException;

/**
 * Reads an {@link org.myelin.api.spi.OptimizerProvider}'s options map: refuses keys the optimizer does not
 * know (a misspelt {@code weight_decay} must not be silently ignored) and turns 1.0/0.0 into booleans.
 */
final class OptionReader {
    private final String optimizer;
    private final Map<String, Double> options;

    /**
     * @param optimizer the provider's name, for messages
     * @param options   the options given; null means none
     * @param accepted  every key this optimizer understands
     */
    OptionReader(String optimizer, Map<String, Double> options, List<String> accepted) {
        this.optimizer = optimizer;
        this.options = options == null ? Map.of() : options;
        for (var entry : this.options.entrySet()) {
            if (!accepted.contains(entry.getKey())) {
                throw new InvalidArgumentException("optimizer '" + optimizer + "': unknown option '" + entry.getKey()
                        + "'; accepted options are " + accepted);
            }
            if (entry.getValue() == null) {
                throw new InvalidArgumentException("optimizer '" + optimizer + "': option '" + entry.getKey()
                        + "' has no value; give it a number");
            }
        }
    }

    /** @return the option's value, or {@code fallback} when it is absent */
    double number(String key, double fallback) {
        Double value = options.get(key);
        return value == null ? fallback : value;
    }

    /** @return true for 1.0, false for 0.0, {@code fallback} when absent */
    boolean flag(String key, boolean fallback) {
        Double value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value == 1.0) {
            return true;
        }
        if (value == 0.0) {
            return false;
        }
        throw new InvalidArgumentException("optimizer '" + optimizer + "': option '" + key + "' is a switch, got " + value
                + "; pass 1 to turn it on or 0 to turn it off");
    }

    /** @return the learning rate, which must be given because this optimizer has no sensible default */
    double requiredLearningRate() {
        Double value = options.get("lr");
        if (value == null) {
            throw new InvalidArgumentException("optimizer '" + optimizer + "' needs a learning rate; pass the option lr, such as lr=0.1");
        }
        return value;
    }
}
