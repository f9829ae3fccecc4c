package org.myelin.autograd;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Operator;
import org.myelin.api.spi.OperatorProvider;

/**
 * Loads the providers that the modules of one plugin layer define. ServiceLoader also walks the
 * layer's parents, whose providers the engine already holds, so those are left out.
 */
final class PluginServices {
    private PluginServices() {}

    /** The layer's operators: those it provides one by one and those of its operator tables. */
    static List<Operator> operatorsIn(ModuleLayer layer) {
        List<Operator> ops = new ArrayList<>();
        for (OperatorProvider table : definedIn(layer, OperatorProvider.class)) {
            try {
                ops.addAll(table.operators());
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                throw failed(layer, OperatorProvider.class, e);
            }
        }
        ops.addAll(definedIn(layer, Operator.class));
        return ops;
    }

    static <S> List<S> definedIn(ModuleLayer layer, Class<S> service) {
        List<S> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<S>> it = ServiceLoader.load(layer, service).stream().iterator();
        while (true) {
            ServiceLoader.Provider<S> p;
            try {
                if (!it.hasNext()) {
                    return found;
                }
                p = it.next();
                if (p.type().getModule().getLayer() != layer) {
                    continue;
                }
                found.add(p.get());
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                throw failed(layer, service, e);
            }
        }
    }

    private static InvalidArgumentException failed(ModuleLayer layer, Class<?> service, Throwable e) {
        return new InvalidArgumentException("plugin layer " + layer + ": a " + service.getSimpleName()
                + " provider failed to load: " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
