package org.myelin.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.OpSchema;
import org.myelin.api.Operator;
import org.myelin.api.UnknownNameException;
import org.myelin.api.spi.KernelProvider;
import org.myelin.api.spi.OperatorProvider;

/**
 * Operators and plugin kernels found with ServiceLoader, by name. A second operator of a name takes
 * the first one's place only when it declares {@link Operator#replaces()} and has a higher priority.
 * Lookups happen on every operation, so they read immutable snapshots without locking: an
 * {@link Op} reference finds its operator by index, a name by hashing.
 */
final class OperatorRegistry {
    /** An operator with its schema, asked for once when it is registered rather than on every call. */
    record Registered(Operator operator, OpSchema schema) {}

    /** Both lookups in one object, so a reader never sees one updated without the other. */
    private record Tables(Map<String, Registered> byName, Registered[] byIndex) {}

    private volatile Tables tables = new Tables(Map.of(), new Registered[0]);
    /** Per operator, (backend, kernel) pairs in the order they were found. */
    private volatile Map<String, List<Map.Entry<String, Object>>> kernels = Map.of();

    static OperatorRegistry load() {
        OperatorRegistry r = new OperatorRegistry();
        ServiceLoader.load(OperatorProvider.class).forEach(p -> p.operators().forEach(r::register));
        ServiceLoader.load(Operator.class).forEach(r::register);
        List<KernelProvider> found = new ArrayList<>();
        ServiceLoader.load(KernelProvider.class).forEach(found::add);
        r.addKernels(found);
        return r;
    }

    /** A plugin's kernels; for one operator and backend, the first one added stays in use. */
    synchronized void addKernels(List<KernelProvider> more) {
        Map<String, List<Map.Entry<String, Object>>> next = new HashMap<>(kernels);
        for (KernelProvider provider : more) {
            String backend = provider.backend();
            provider.kernels().forEach((operator, kernel) -> {
                List<Map.Entry<String, Object>> list = new ArrayList<>(next.getOrDefault(operator, List.of()));
                list.add(Map.entry(backend, kernel));
                next.put(operator, List.copyOf(list));
            });
        }
        kernels = next;
    }

    synchronized void register(Operator op) {
        String name = op.name();
        Tables t = tables;
        Registered existing = t.byName().get(name);
        if (existing != null && !(op.replaces() && op.priority() > existing.operator().priority())) {
            return; // replacing an installed operator must be declared, and outrank it
        }
        OpSchema schema = op.schema();
        if (!schema.name().equals(name)) {
            throw new InvalidArgumentException("operator '" + name + "' declares a schema named '" + schema.name()
                    + "'; the two must agree");
        }
        Registered entry = new Registered(op, schema);
        Map<String, Registered> byName = new HashMap<>(t.byName());
        byName.put(name, entry);
        int index = Op.named(name).index();
        Registered[] byIndex = t.byIndex().length > index ? t.byIndex().clone()
                : Arrays.copyOf(t.byIndex(), Math.max(index + 1, 64));
        byIndex[index] = entry;
        tables = new Tables(byName, byIndex);
    }

    Registered get(Op ref) {
        Registered[] table = tables.byIndex();
        int i = ref.index();
        Registered r = i < table.length ? table[i] : null;
        return r != null ? r : get(ref.name());
    }

    Registered get(String name) {
        Map<String, Registered> byName = tables.byName();
        Registered r = byName.get(name);
        if (r == null) {
            throw new UnknownNameException("unknown operator '" + name + "': no installed operator has that name. "
                    + "Check the spelling, or put the plugin that provides it on the module path. Known operators: "
                    + new TreeSet<>(byName.keySet()));
        }
        return r;
    }

    Set<String> names() {
        return new TreeSet<>(tables.byName().keySet());
    }

    /** The kernel for an operator on a backend: one registered for it by name, else for its device type, else for all. */
    /** How many threads have a withoutFusedKernels scope open: when none, the thread-local is never read. */
    private final java.util.concurrent.atomic.AtomicInteger fusedOffScopes = new java.util.concurrent.atomic.AtomicInteger();
    private final ThreadLocal<int[]> fusedOff = ThreadLocal.withInitial(() -> new int[1]);

    org.myelin.api.spi.EngineRuntime.FusedKernelsOff withoutFusedKernels() {
        int[] depth = fusedOff.get();
        depth[0]++;
        fusedOffScopes.incrementAndGet();
        boolean[] closed = {false};
        return () -> {
            if (!closed[0]) {
                closed[0] = true;
                depth[0]--;
                fusedOffScopes.decrementAndGet();
            }
        };
    }

    Object kernel(String operator, String backend, String deviceType) {
        List<Map.Entry<String, Object>> candidates = kernels.get(operator);
        if (candidates == null || (fusedOffScopes.get() > 0 && fusedOff.get()[0] > 0)) {
            return null;
        }
        Object forType = null;
        Object forAll = null;
        for (Map.Entry<String, Object> k : candidates) {
            String b = k.getKey();
            if (b.equals(backend)) {
                return k.getValue();
            }
            if (forType == null && b.length() == deviceType.length() + 2 && b.startsWith("*:") && b.endsWith(deviceType)) {
                forType = k.getValue();
            } else if (forAll == null && b.equals("*")) {
                forAll = k.getValue();
            }
        }
        return forType != null ? forType : forAll;
    }
}
