package org.myelin.api.spi;

import java.util.List;
import org.myelin.api.Operator;

/**
 * Contributes many operators from one table, where a plugin would otherwise list a class per
 * operator: {@code provides org.myelin.api.spi.OperatorProvider with MyOperators}. The engine's own
 * built-ins come from one of these. (One operator may also be provided directly, as an
 * {@code org.myelin.api.Operator} service.)
 */
public interface OperatorProvider {
    /** @return the operators, each with its schema, forward and gradient */
    List<Operator> operators();
}
