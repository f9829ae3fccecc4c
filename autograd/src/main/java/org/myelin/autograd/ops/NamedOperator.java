package org.myelin.autograd.ops;

import org.myelin.api.Operator;

/** An operator whose name is fixed at construction: the common root of the built-in families. */
abstract class NamedOperator implements Operator {
    private final String name;

    NamedOperator(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }
}
