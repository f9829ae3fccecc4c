package org.myelin.autograd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.myelin.api.UnknownNameException;
import org.myelin.api.spi.KernelProvider;
import org.myelin.api.Operator;

/**
 * Operators and plugin kernels found with ServiceLoader, by name; the highest priority wins a clash.
 * Lookups happen on every operation, so they read an immutable snapshot without locking.
 */
final class OperatorRegistry {
    private volatile Map<String, Operator> operators = Map.of();
    private final List<KernelProvider> kernels = new ArrayList<>();

    static OperatorRegistry load() {
        OperatorRegistry r = new OperatorRegistry();
        ServiceLoader.load(Operator.class).forEach(r::register);
        ServiceLoader.load(KernelProvider.class).forEach(r.kernels::add);
        return r;
    }

    /** A plugin's kernels; for one operator and backend, the first one added stays in use. */
    synchronized void addKernels(List<KernelProvider> more) {
        kernels.addAll(more);
    }

    synchronized void register(Operator op) {
        Operator existing = operators.get(op.name());
        if (existing == null || op.priority() > existing.priority()) {
            Map<String, Operator> next = new HashMap<>(operators);
            next.put(op.name(), op);
            operators = next;
        }
    }

    Operator get(String name) {
        Operator op = operators.get(name);
        if (op == null) {
            throw new UnknownNameException("unknown operator '" + name + "': no installed operator has that name. "
                    + "Check the spelling, or put the plugin that provides it on the module path. Known operators: "
                    + new TreeSet<>(operators.keySet()));
        }
        return op;
    }

    Set<String> names() {
        return new TreeSet<>(operators.keySet());
    }

    synchronized Object kernel(String operator, String backend, String deviceType) {
        Object wildcard = null;
        for (KernelProvider k : kernels) {
            if (!k.operator().equals(operator)) {
                continue;
            }
            if (k.backend().equals(backend)) {
                return k.kernel();
            }
            if (k.backend().equals("*") || k.backend().equals("*:" + deviceType)) {
                wildcard = k.kernel();
            }
        }
        return wildcard;
    }
}
