package org.myelin.api.spi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.api.InvalidArgumentException;

/**
 * An operator's non-tensor arguments, such as an axis, a slope or a target shape: an immutable
 * map from names to numbers, booleans, strings and arrays of longs or ints.
 */
public final class Attrs {
    /** No attributes. */
    public static final Attrs EMPTY = new Attrs(Map.of());

    private final Map<String, Object> values;

    private Attrs(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * @param keysAndValues alternating names and values
     * @return the attributes
     */
    public static Attrs of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new InvalidArgumentException("Attrs.of takes name/value pairs; got an odd count");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Attrs(m);
    }

    /**
     * @param name  a name
     * @param value its value
     * @return a copy with that attribute set
     */
    public Attrs with(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new Attrs(m);
    }

    /**
     * @param name a name
     * @return true when set
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new InvalidArgumentException("missing attribute '" + name + "'; have " + values.keySet());
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
        values.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=');
            sb.append(v instanceof long[] l ? Arrays.toString(l) : v instanceof int[] i ? Arrays.toString(i) : v);
        });
        return sb.append('}').toString();
    }
}
