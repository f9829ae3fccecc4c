package org.myelin.api;

import java.util.Arrays;

/**
 * An operator's non-tensor arguments, such as an axis, a slope or a target shape: an immutable
 * map from names to numbers, booleans, strings and arrays of longs or ints.
 */
public final class Attrs {
    /** No attributes. */
    public static final Attrs EMPTY = new Attrs(new Object[0], null);

    /**
     * Names and values alternating, names unique: operators take a handful of attributes, so a
     * linear search beats hashing and an array costs one allocation (this is on every operation's path).
     */
    private final Object[] pairs;
    /** Answers what {@link #pairs} lacks: an operator schema's defaults. */
    private final Attrs fallback;

    private Attrs(Object[] pairs, Attrs fallback) {
        this.pairs = pairs;
        this.fallback = fallback;
    }

    /**
     * @param keysAndValues alternating names and values
     * @return the attributes
     */
    public static Attrs of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new InvalidArgumentException("Attrs.of takes name/value pairs; got an odd count");
        }
        Object[] pairs = new Object[keysAndValues.length];
        int n = 0;
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            int at = indexOf(pairs, n, key);
            if (at >= 0) {
                pairs[at + 1] = keysAndValues[i + 1]; // a repeated name keeps its first place, as a map would
            } else {
                pairs[n++] = key;
                pairs[n++] = keysAndValues[i + 1];
            }
        }
        return new Attrs(n == pairs.length ? pairs : Arrays.copyOf(pairs, n), null);
    }

    private static int indexOf(Object[] pairs, int length, String name) {
        for (int i = 0; i < length; i += 2) {
            if (pairs[i] == name || pairs[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param name  a name
     * @param value its value
     * @return a copy with that attribute set
     */
    public Attrs with(String name, Object value) {
        int at = indexOf(pairs, pairs.length, name);
        Object[] copy = Arrays.copyOf(pairs, at >= 0 ? pairs.length : pairs.length + 2);
        if (at >= 0) {
            copy[at + 1] = value;
        } else {
            copy[pairs.length] = name;
            copy[pairs.length + 1] = value;
        }
        return new Attrs(copy, fallback);
    }

    /**
     * @param defaults values for the names these attributes leave out
     * @return these attributes with {@code defaults} behind them
     */
    public Attrs withDefaults(Attrs defaults) {
        return defaults == null || defaults.size() == 0 ? this : new Attrs(pairs, defaults);
    }

    /** @return how many attributes were given (defaults behind them not counted) */
    public int size() {
        return pairs.length / 2;
    }

    /**
     * @param i a position below {@link #size()}
     * @return the name of the i-th attribute given
     */
    public String nameAt(int i) {
        return (String) pairs[2 * i];
    }

    /**
     * @param i a position below {@link #size()}
     * @return the value of the i-th attribute given
     */
    public Object valueAt(int i) {
        return pairs[2 * i + 1];
    }

    /**
     * @param name a name
     * @return its value, or null when neither given nor defaulted
     */
    public Object get(String name) {
        int at = indexOf(pairs, pairs.length, name);
        if (at >= 0) {
            return pairs[at + 1];
        }
        return fallback == null ? null : fallback.get(name);
    }

    /**
     * @param name a name
     * @return true when set
     */
    public boolean has(String name) {
        return indexOf(pairs, pairs.length, name) >= 0 || fallback != null && fallback.has(name);
    }

    private Object require(String name) {
        Object v = get(name);
        if (v == null) {
            StringBuilder names = new StringBuilder("[");
            for (int i = 0; i < pairs.length; i += 2) {
                names.append(i == 0 ? "" : ", ").append(pairs[i]);
            }
            throw new InvalidArgumentException("missing attribute '" + name + "'; have " + names.append(']'));
        }
        return v;
    }

    /**
     * @param name a name
     * @return its value as an int
     */
    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    /**
     * @param name a name
     * @param otherwise the value when unset
     * @return its value as an int
     */
    public int getInt(String name, int otherwise) {
        return has(name) ? getInt(name) : otherwise;
    }

    /**
     * @param name a name
     * @return its value as a long
     */
    public long getLong(String name) {
        return ((Number) require(name)).longValue();
    }

    /**
     * @param name a name
     * @return its value as a double
     */
    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /**
     * @param name a name
     * @param otherwise the value when unset
     * @return its value as a double
     */
    public double getDouble(String name, double otherwise) {
        return has(name) ? getDouble(name) : otherwise;
    }

    /**
     * @param name a name
     * @param otherwise the value when unset
     * @return its value as a boolean
     */
    public boolean getBoolean(String name, boolean otherwise) {
        return has(name) ? (Boolean) require(name) : otherwise;
    }

    /**
     * @param name a name
     * @return its value as a boolean
     */
    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    /**
     * @param name a name
     * @return its value as a string
     */
    public String getString(String name) {
        return String.valueOf(require(name));
    }

    /**
     * @param name a name
     * @return a copy of its value as a long array
     */
    public long[] getLongs(String name) {
        Object v = require(name);
        if (v instanceof int[] ints) {
            return Arrays.stream(ints).asLongStream().toArray();
        }
        return ((long[]) v).clone();
    }

    /**
     * @param name a name
     * @return a copy of its value as an int array
     */
    public int[] getInts(String name) {
        Object v = require(name);
        if (v instanceof long[] longs) {
            return Arrays.stream(longs).mapToInt(Math::toIntExact).toArray();
        }
        return ((int[]) v).clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int p = 0; p < pairs.length; p += 2) {
            Object v = pairs[p + 1];
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(pairs[p]).append('=');
            sb.append(show(v));
        }
        return sb.append('}').toString();
    }

    static String show(Object v) {
        return v instanceof long[] l ? Arrays.toString(l) : v instanceof int[] i ? Arrays.toString(i) : String.valueOf(v);
    }
}
