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

    /**
     * Splits {@code name=value} arguments from the positional ones before them, as Python's
     * keyword arguments: each name must be one of {@code names}, and none may come twice.
     *
     * @return the keyword arguments by name; {@code positional} receives the others
     */
    final java.util.Map<String, String> keywords(List<String> args, List<String> positional, String... names) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                if (!out.isEmpty()) {
                    throw bad(args, "the positional argument '" + arg + "' must come before the name=value ones");
                }
                positional.add(arg);
                continue;
            }
            String key = arg.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!java.util.Arrays.asList(names).contains(key)) {
                throw bad(args, "it has no argument '" + key + "'; it takes " + String.join(", ", names));
            }
            if (out.put(key, arg.substring(eq + 1).trim()) != null) {
                throw bad(args, "'" + key + "' is given twice");
            }
        }
        return out;
    }

    /**
     * @param text one size ({@code 5}) or a (height, width) pair ({@code 3x5})
     * @param min  the smallest size allowed
     * @return the pair
     */
    final int[] pair(List<String> args, String text, String what, int min) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x", -1);
        int[] v = new int[2];
        try {
            if (parts.length > 2) {
                throw new NumberFormatException(text);
            }
            v[0] = Integer.parseInt(parts[0].trim());
            v[1] = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : v[0];
        } catch (NumberFormatException e) {
            throw bad(args, what + " must be a whole number or HxW, such as 3 or 3x5, got '" + text + "'");
        }
        if (v[0] < min || v[1] < min) {
            throw bad(args, what + " must be at least " + min + ", got '" + text + "'");
        }
        return v;
    }

    /** @return {@code value} as true or false */
    final boolean bool(List<String> args, String value, String what) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw bad(args, what + " must be true or false, got '" + value + "'");
        }
        return v.equals("true");
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
