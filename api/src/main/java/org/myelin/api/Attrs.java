package org.myelin.api;

import java.util.Arrays;

/**
 * An operator's non-tensor arguments, such as an axis, a slope or a target shape: an immutable
 * map from names to numbers, booleans, strings and arrays of longs or ints.
 */
public final class Attrs {
    /** No attributes. */
    public static final Attrs EMPTY = new Attrs(new Object[0]);

    /**
     * Names and values alternating, names unique: operators take a handful of attributes, so a
     * linear search beats hashing and an array costs one allocation (this is on every operation's path).
     */
    private final Object[] pairs;

    private Attrs(Object[] pairs) {
        this.pairs = pairs;
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
        return new Attrs(n == pairs.length ? pairs : Arrays.copyOf(pairs, n));
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
        return new Attrs(copy);
    }

    /**
     * @param name a name
     * @return true when set
     */
    public boolean has(String name) {
        return indexOf(pairs, pairs.length, name) >= 0;
    }

    private Object require(String name) {
        int at = indexOf(pairs, pairs.length, name);
        Object v = at < 0 ? null : pairs[at + 1];
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
     * @param fallback the value when unset
     * @return its value as an int
     */
    public int getInt(String name, int fallback) {
        return has(name) ? getInt(name) : fallback;
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
     * @param fallback the value when unset
     * @return its value as a double
     */
    public double getDouble(String name, double fallback) {
        return has(name) ? getDouble(name) : fallback;
    }

    /**
     * @param name a name
     * @param fallback the value when unset
     * @return its value as a boolean
     */
    public boolean getBoolean(String name, boolean fallback) {
        return has(name) ? (Boolean) require(name) : fallback;
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
            sb.append(v instanceof long[] l ? Arrays.toString(l) : v instanceof int[] i ? Arrays.toString(i) : v);
        }
        return sb.append('}').toString();
    }
}
