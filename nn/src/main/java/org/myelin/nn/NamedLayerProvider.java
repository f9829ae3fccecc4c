package org.myelin.nn;

import java.util.List;
import java.util.Locale;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.LayerProvider;

/**
 * The shared part of the built-in {@link LayerProvider}s: a name, a usage line, and argument
 * parsing whose errors name the layer and how to call it.
 */
abstract class NamedLayerProvider implements LayerProvider {
    private final String name;
    private final String usage;

    NamedLayerProvider(String name, String usage) {
        this.name = name;
        this.usage = usage;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String usage() {
        return usage;
    }

    /** Fails unless the number of arguments is within [min, max]. */
    final void expectArgs(List<String> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String wanted = min == max ? String.valueOf(min) : min + " to " + max;
            throw bad(args, "takes " + wanted + " argument" + (max == 1 ? "" : "s") + ", got " + args.size());
        }
    }

    /** @return argument {@code index} as a size of at least 1 */
    final long positiveSize(List<String> args, int index, String what) {
        long value;
        try {
            value = Long.parseLong(args.get(index).trim());
        } catch (NumberFormatException e) {
            throw bad(args, what + " must be a whole number, got '" + args.get(index).trim() + "'");
        }
        if (value < 1) {
            throw bad(args, what + " must be at least 1, got " + value);
        }
        return value;
    }

    /** @return argument {@code index} as an axis number, or {@code fallback} when absent */
    final int axis(List<String> args, int index, int fallback) {
        if (args.size() <= index) {
            return fallback;
        }
        try {
            return Integer.parseInt(args.get(index).trim());
        } catch (NumberFormatException e) {
            throw bad(args, "dim must be a whole number such as 1 or -1, got '" + args.get(index).trim() + "'");
        }
    }

    /** @return argument {@code index} as a finite number, or {@code fallback} when absent */
    final double number(List<String> args, int index, String what, double fallback) {
        if (args.size() <= index) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(args.get(index).trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the usage line
        }
        throw bad(args, what + " must be a finite number, got '" + args.get(index).trim() + "'");
    }

    /** @return argument {@code index} lower-cased, or {@code fallback} when absent */
    final String word(List<String> args, int index, String fallback) {
        return args.size() <= index ? fallback : args.get(index).trim().toLowerCase(Locale.ROOT);
    }

    /** @return an error naming the layer as written, what is wrong, and the usage */
    final InvalidArgumentException bad(List<String> args, String problem) {
        return new InvalidArgumentException("layer '" + name + (args.isEmpty() ? "" : "(" + String.join(",", args) + ")")
                + "': " + problem + "; usage: " + usage);
    }

    /**
     * Wraps a constructor's own InvalidArgumentException so it names the usage too.
     *
     * @param args   the arguments, for the message
     * @param create the constructor call
     * @return the layer
     */
    final org.myelin.api.Layer build(List<String> args, java.util.function.Supplier<org.myelin.api.Layer> create) {
        try {
            return create.get();
        } catch (InvalidArgumentException e) {
            throw bad(args, e.getMessage());
        }
    }
}
