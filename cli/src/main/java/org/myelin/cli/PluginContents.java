package org.myelin.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.KernelProvider;
import org.myelin.api.spi.LayerProvider;
import org.myelin.api.Operator;
import org.myelin.api.spi.OperatorProvider;
import org.myelin.api.spi.OptimizerProvider;

/**
 * Every provider a plugin layer's own modules declare, made and asked for its name once, so a
 * provider that throws is caught here and the whole plugin is set aside before any of it is used.
 *
 * @param operators  its operators, those it provides one by one and those of its operator tables
 * @param kernels    its kernels for other operators or backends
 * @param backends   its backends
 * @param layers     its layer providers
 * @param optimizers its optimizer providers
 */
record PluginContents(List<Operator> operators, List<KernelProvider> kernels, List<Backend> backends,
                      List<LayerProvider> layers, List<OptimizerProvider> optimizers) {

    static PluginContents read(ModuleLayer layer) throws PluginProblem {
        List<Operator> operators = new ArrayList<>();
        for (OperatorProvider table : load(layer, OperatorProvider.class, t -> named(t.operators()))) {
            try {
                for (Operator o : table.operators()) {
                    named(o.name(), o.priority(), o.schema());
                    operators.add(o);
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                throw new PluginProblem("provider " + table.getClass().getName() + " (OperatorProvider) failed: " + cause(e));
            }
        }
        operators.addAll(load(layer, Operator.class, o -> named(o.name(), o.priority(), o.schema())));
        return new PluginContents(List.copyOf(operators),
                load(layer, KernelProvider.class, k -> {
                    named(k.backend());
                    k.kernels().forEach((operator, kernel) -> named(operator, kernel));
                }),
                load(layer, Backend.class, b -> named(b.name(), b.deviceType(), b.priority())),
                load(layer, LayerProvider.class, l -> named(l.name(), l.priority())),
                load(layer, OptimizerProvider.class, o -> named(o.name(), o.priority())));
    }

    /** @return true when the plugin provides nothing Myelin knows */
    boolean isEmpty() {
        return operators.isEmpty() && kernels.isEmpty() && backends.isEmpty() && layers.isEmpty() && optimizers.isEmpty();
    }

    /** Fails unless every part (names, and what else the registries will ask for) is there. */
    private static void named(Object... parts) {
        for (Object part : parts) {
            if (part == null || part.toString().isBlank()) {
                throw new IllegalStateException("it returned no name (or no kernel, or no operators)");
            }
        }
    }

    private static <S> List<S> load(ModuleLayer layer, Class<S> service, Consumer<S> probe) throws PluginProblem {
        List<S> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<S>> it = ServiceLoader.load(layer, service).stream().iterator();
        String current = "?";
        try {
            while (it.hasNext()) {
                ServiceLoader.Provider<S> p = it.next();
                if (p.type().getModule().getLayer() != layer) {
                    continue; // a parent layer's: Myelin's own, already known
                }
                current = p.type().getName();
                S provider = p.get();
                probe.accept(provider);
                found.add(provider);
            }
        } catch (VirtualMachineError e) {
            throw e; // out of memory or a broken JVM: nothing a plugin can be blamed for
        } catch (Throwable e) {
            // An Error from a provider's code (an AssertionError in name(), say) sets the plugin aside like an exception.
            throw new PluginProblem("provider " + current + " (" + service.getSimpleName() + ") failed: " + cause(e));
        }
        return found;
    }

    /** The innermost exception, which says what the provider's own code threw. */
    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString().replace('\n', ' ');
    }
}
