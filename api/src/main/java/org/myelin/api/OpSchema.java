package org.myelin.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an {@link Operator} takes, declared once beside its forward and gradient: its name, how
 * many input tensors, its attributes with their types and defaults, which inputs are promoted to
 * one floating type before it runs, and which inputs it changes in place. The engine checks every
 * call against it, so a wrong attribute or input count fails with a message that names the
 * operator and what it takes, and {@link OpContext#attrs()} answers a missing attribute with its
 * default.
 *
 * <pre>{@code
 * OpSchema.named("leaky_relu").inputs(1).floating(0).attr("slope", Attr.NUMBER, 0.01).build();
 * }</pre>
 *
 * A schema made by {@link #of(String, int)} is open: it declares no attributes and accepts any.
 */
public final class OpSchema {
    private static final Pattern DECLARED_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** The type of an attribute's value. */
    public enum Attr {
        /** A number, read with {@link Attrs#getDouble}. */
        NUMBER,
        /** A whole number, read with {@link Attrs#getInt} or {@link Attrs#getLong}. */
        INTEGER,
        /** true or false, read with {@link Attrs#getBoolean}. */
        BOOLEAN,
        /** Text or an enum constant, read with {@link Attrs#getString}. */
        STRING,
        /** An {@code int[]} or {@code long[]}, read with {@link Attrs#getInts} or {@link Attrs#getLongs}. */
        INTEGERS;

        boolean accepts(Object value) {
            return switch (this) {
                case NUMBER -> value instanceof Number;
                case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof Short
                        || value instanceof Byte;
                case BOOLEAN -> value instanceof Boolean;
                case STRING -> value instanceof String || value instanceof Enum<?>;
                case INTEGERS -> value instanceof int[] || value instanceof long[];
            };
        }
    }

    private final String name;
    private final int minInputs;
    private final int maxInputs;
    private final String[] attrNames;
    private final Attr[] attrTypes;
    private final Attrs defaults;
    private final boolean open;
    private final int[] floating;
    private final boolean floatingRequired;
    private final int[] mutates;
    private final String title;
    private final String usage;
    private final boolean[] optional;

    private OpSchema(Builder b) {
        this.usage = b.usage;
        this.optional = new boolean[b.attrNames.size()];
        for (int i = 0; i < optional.length; i++) {
            optional[i] = b.optional.contains(b.attrNames.get(i));
        }
        this.name = b.name;
        this.title = b.title == null ? b.name : b.title;
        this.minInputs = b.minInputs;
        this.maxInputs = b.maxInputs;
        this.attrNames = b.attrNames.toArray(String[]::new);
        this.attrTypes = b.attrTypes.toArray(Attr[]::new);
        this.defaults = b.defaults;
        this.open = b.open;
        this.floating = b.floating;
        this.floatingRequired = b.floatingRequired;
        this.mutates = b.mutates;
    }

    /**
     * @param name the operator's name: lower case letters, digits and underscores
     * @return a builder for its schema
     */
    public static Builder named(String name) {
        return new Builder(name, true);
    }

    /**
     * An open schema: the name and input count only, any attributes accepted; what an operator that
     * declares nothing more gets.
     *
     * @param name  the operator's name
     * @param arity how many inputs, or -1 when that varies
     * @return the schema
     */
    public static OpSchema of(String name, int arity) {
        if (name == null || name.isBlank()) {
            throw new InvalidArgumentException("an operator needs a name, got '" + name + "'");
        }
        Builder b = new Builder(name, false).open();
        return (arity >= 0 ? b.inputs(arity) : b.inputs(1, Integer.MAX_VALUE)).build();
    }

    /** @return the operator's name */
    public String name() {
        return name;
    }

    /** @return what messages call it: its name, or the method users know it by, such as {@code addInPlace} */
    public String title() {
        return title;
    }

    /** @return how many inputs it takes, or -1 when the count varies */
    public int arity() {
        return minInputs == maxInputs ? minInputs : -1;
    }

    /** @return the fewest inputs it takes */
    public int minInputs() {
        return minInputs;
    }

    /** @return the most inputs it takes ({@link Integer#MAX_VALUE} for no limit) */
    public int maxInputs() {
        return maxInputs;
    }

    /** @return the declared attributes' names, in declaration order */
    public List<String> attributeNames() {
        return List.of(attrNames);
    }

    /** @return the declared defaults, for {@link Attrs#withDefaults} */
    public Attrs defaults() {
        return defaults;
    }

    /** @return the positions of the inputs promoted to one floating type before forward runs */
    public int[] floatingInputs() {
        return floating.clone();
    }

    /** @return the positions of the inputs that forward changes in place; empty for most operators */
    public int[] mutatedInputs() {
        return mutates.clone();
    }

    /** @return true when forward changes an input in place, so the engine never records it */
    public boolean isInPlace() {
        return mutates.length > 0;
    }

    /** @return true when the promoted inputs must be floating (integers refused), false when their common type is enough */
    public boolean floatingRequired() {
        return floatingRequired;
    }

    /** @return how many inputs are promoted to one type (read without a copy on every call) */
    public int floatingInputCount() {
        return floating.length;
    }

    /**
     * @param i a position below {@link #floatingInputCount()}
     * @return the i-th promoted input's position
     */
    public int floatingInput(int i) {
        return floating[i];
    }

    /**
     * Checks one call against this schema.
     *
     * @param inputs how many input tensors were given
     * @param attrs  the attributes given
     * @return the attributes with the declared defaults behind them
     * @throws InvalidArgumentException naming the operator, what was wrong and what it takes
     */
    public Attrs bind(int inputs, Attrs attrs) {
        if (inputs < minInputs || inputs > maxInputs) {
            throw new InvalidArgumentException(usage != null ? title + " takes " + usage + ", got " + inputs + " tensors"
                    : "operator '" + name + "' takes " + inputsText() + ", got " + inputs);
        }
        if (open) {
            return attrs;
        }
        for (int i = 0; i < attrs.size(); i++) {
            String key = attrs.nameAt(i);
            int at = indexOf(key);
            if (at < 0) {
                throw new InvalidArgumentException("operator '" + name + "' has no attribute '" + key + "'; it takes "
                        + signature());
            }
            Object value = attrs.valueAt(i);
            if (value == null || !attrTypes[at].accepts(value)) {
                throw new InvalidArgumentException("operator '" + name + "': attribute '" + key + "' must be "
                        + article(attrTypes[at]) + ", got " + (value == null ? "null" : value.getClass().getSimpleName()
                        + " " + value));
            }
        }
        for (int i = 0; i < attrNames.length; i++) {
            if (!optional[i] && !defaults.has(attrNames[i]) && !attrs.has(attrNames[i])) {
                throw new InvalidArgumentException("operator '" + name + "' needs attribute '" + attrNames[i] + "' ("
                        + article(attrTypes[i]) + "); it takes " + signature());
            }
        }
        if (defaults.size() == 0 || attrs.size() == 0) {
            return attrs.size() == 0 ? defaults : attrs;
        }
        for (int i = 0; i < defaults.size(); i++) {
            if (!attrs.has(defaults.nameAt(i))) {
                return attrs.withDefaults(defaults); // one small object, only when a default is needed
            }
        }
        return attrs;
    }

    private int indexOf(String key) {
        for (int i = 0; i < attrNames.length; i++) {
            if (attrNames[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String article(Attr type) {
        return switch (type) {
            case NUMBER -> "a number";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case INTEGERS -> "an int[] or long[]";
        };
    }

    private String inputsText() {
        if (minInputs == maxInputs) {
            return minInputs + (minInputs == 1 ? " input tensor" : " input tensors");
        }
        return maxInputs == Integer.MAX_VALUE ? "at least " + minInputs + " input tensors"
                : minInputs + " to " + maxInputs + " input tensors";
    }

    /** @return how to call it, such as {@code leaky_relu(1 input tensor; slope: a number = 0.01)} */
    public String signature() {
        StringBuilder sb = new StringBuilder(name).append('(').append(inputsText());
        for (int i = 0; i < attrNames.length; i++) {
            sb.append(i == 0 ? "; " : ", ").append(attrNames[i]).append(": ").append(article(attrTypes[i]));
            if (defaults.has(attrNames[i])) {
                sb.append(" = ").append(Attrs.show(defaults.get(attrNames[i])));
            } else if (optional[i]) {
                sb.append(" (optional)");
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return signature();
    }

    /** Collects a schema's parts; {@link #build()} makes it. */
    public static final class Builder {
        private final String name;
        private int minInputs = 1;
        private int maxInputs = 1;
        private final List<String> attrNames = new ArrayList<>();
        private final List<Attr> attrTypes = new ArrayList<>();
        private Attrs defaults = Attrs.EMPTY;
        private boolean open;
        private int[] floating = new int[0];
        private boolean floatingRequired = true;
        private int[] mutates = new int[0];
        private String title;
        private String usage;
        private final java.util.Set<String> optional = new java.util.HashSet<>();

        private Builder(String name, boolean strict) {
            if (strict && (name == null || !DECLARED_NAME.matcher(name).matches())) {
                throw new InvalidArgumentException("an operator name is lower case letters, digits and underscores, "
                        + "starting with a letter; got '" + name + "'");
            }
            this.name = name;
        }

        /**
         * @param count exactly this many input tensors (1 unless set)
         * @return this builder
         */
        public Builder inputs(int count) {
            return inputs(count, count);
        }

        /**
         * @param min the fewest input tensors
         * @param max the most; {@link Integer#MAX_VALUE} for no limit
         * @return this builder
         */
        public Builder inputs(int min, int max) {
            if (min < 0 || max < min) {
                throw new InvalidArgumentException("operator '" + name + "': bad input count " + min + ".." + max);
            }
            this.minInputs = min;
            this.maxInputs = max;
            return this;
        }

        /**
         * Declares a required attribute.
         *
         * @param attr its name
         * @param type its type
         * @return this builder
         */
        public Builder attr(String attr, Attr type) {
            attrNames.add(attr);
            attrTypes.add(type);
            return this;
        }

        /**
         * Declares an attribute a call may leave out, with no default: the operator asks
         * {@link Attrs#has} and behaves differently without it (as {@code max} over all elements).
         *
         * @param attr its name
         * @param type its type
         * @return this builder
         */
        public Builder optional(String attr, Attr type) {
            optional.add(attr);
            return attr(attr, type);
        }

        /**
         * @param inputs how to call it, for the message when the input count is wrong, such as
         *               {@code (scores, target)}
         * @return this builder
         */
        public Builder usage(String inputs) {
            this.usage = inputs;
            return this;
        }

        /**
         * Declares an attribute with a default.
         *
         * @param attr         its name
         * @param type         its type
         * @param defaultValue the value when a call leaves it out
         * @return this builder
         */
        public Builder attr(String attr, Attr type, Object defaultValue) {
            if (!type.accepts(defaultValue)) {
                throw new InvalidArgumentException("operator '" + name + "': default of '" + attr + "' is not " + type);
            }
            attr(attr, type);
            defaults = defaults.with(attr, defaultValue);
            return this;
        }

        /**
         * @param positions inputs that are promoted to one floating type before forward runs (as a
         *                  recorded conversion, so gradients flow back in each input's own type);
         *                  integer-only inputs there are refused with advice
         * @return this builder
         */
        public Builder floating(int... positions) {
            this.floating = positions.clone();
            this.floatingRequired = true;
            return this;
        }

        /**
         * @param positions inputs that are promoted to their common type before forward runs, as
         *                  {@link #floating} does, but integers are kept (as {@code where} and
         *                  {@code cat} take them)
         * @return this builder
         */
        public Builder promoted(int... positions) {
            this.floating = positions.clone();
            this.floatingRequired = false;
            return this;
        }

        /**
         * @param positions inputs that forward changes in place: the engine never records the
         *                  operator, refuses it while grad mode is on and one of them requires a
         *                  gradient, and bumps their version afterwards
         * @return this builder
         */
        public Builder mutates(int... positions) {
            this.mutates = positions.clone();
            return this;
        }

        /**
         * @param method what messages call the operator, when users know it by a method such as
         *               {@code addInPlace} rather than by its name
         * @return this builder
         */
        public Builder title(String method) {
            this.title = method;
            return this;
        }

        /**
         * Accepts any attributes, unchecked and without defaults: for operators that declare none.
         *
         * @return this builder
         */
        public Builder open() {
            this.open = true;
            return this;
        }

        /** @return the schema */
        public OpSchema build() {
            for (int p : floating) {
                check(p, "floating");
            }
            for (int p : mutates) {
                check(p, "mutates");
            }
            return new OpSchema(this);
        }

        private void check(int position, String what) {
            if (position < 0 || position >= maxInputs) {
                throw new InvalidArgumentException("operator '" + name + "': " + what + " position " + position
                        + " is not an input; it takes " + minInputs + " to " + maxInputs);
            }
        }
    }
}
