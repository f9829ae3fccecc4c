package org.myelin.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/**
 * A state dict that does not fit a module: its message, and the three lists, name every missing
 * key, every unexpected key and every shape mismatch at once, so one run shows the whole fix.
 */
public final class StateDictMismatchException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    /** @serial the names the module has and the state dict lacks */
    private final ArrayList<String> missingKeys;
    /** @serial the names the state dict has and the module lacks */
    private final ArrayList<String> unexpectedKeys;
    /** @serial one line per name whose shapes differ */
    private final ArrayList<String> shapeMismatches;

    private StateDictMismatchException(String message, List<String> missing, List<String> unexpected,
            List<String> shapes) {
        super(message);
        this.missingKeys = new ArrayList<>(missing);
        this.unexpectedKeys = new ArrayList<>(unexpected);
        this.shapeMismatches = new ArrayList<>(shapes);
    }

    /** @return the names the module has and the state dict lacks, in the module's order */
    public List<String> missingKeys() {
        return List.copyOf(missingKeys);
    }

    /** @return the names the state dict has and the module lacks, in the state dict's order */
    public List<String> unexpectedKeys() {
        return List.copyOf(unexpectedKeys);
    }

    /** @return one line per shared name whose shapes differ, such as {@code 0.weight: [30, 784] vs [30, 100]} */
    public List<String> shapeMismatches() {
        return List.copyOf(shapeMismatches);
    }

    /**
     * Compares a module's parameters with a state dict and throws when they differ.
     *
     * @param module the module's class name, for the message
     * @param own    the module's parameters by dotted name
     * @param given  the state dict
     * @throws StateDictMismatchException naming every difference
     */
    static void check(String module, Map<String, Tensor> own, Map<String, Tensor> given) {
        List<String> missing = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        own.forEach((name, p) -> {
            Tensor t = given.get(name);
            if (t == null) {
                missing.add(name);
            } else if (!t.shape().equals(p.shape())) {
                shapes.add(name + ": the model has " + p.shape() + ", the state dict " + t.shape());
            }
        });
        List<String> unexpected = given.keySet().stream().filter(k -> !own.containsKey(k)).toList();
        if (missing.isEmpty() && unexpected.isEmpty() && shapes.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("loadStateDict into ").append(module)
                .append(": the state dict does not match the model; nothing was loaded.");
        if (!missing.isEmpty()) {
            sb.append(" Missing keys: ").append(missing).append('.');
        }
        if (!unexpected.isEmpty()) {
            sb.append(" Unexpected keys: ").append(unexpected).append('.');
        }
        if (!shapes.isEmpty()) {
            sb.append(" Shape mismatches: ").append(String.join("; ", shapes)).append('.');
        }
        sb.append(" Build the model with the same layers and sizes as the one that was saved (its keys are ")
                .append(own.keySet()).append(").");
        throw new StateDictMismatchException(sb.toString(), missing, unexpected, shapes);
    }
}
