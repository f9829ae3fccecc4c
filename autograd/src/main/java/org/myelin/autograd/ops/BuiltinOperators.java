package org.myelin.autograd.ops;

import java.util.ArrayList;
import java.util.List;
import org.myelin.api.Operator;
import org.myelin.api.spi.OperatorProvider;

/**
 * The one table of the built-in operators, each declared once (schema, forward, gradient) in the
 * families below. The engine, {@code Tensor}'s methods (through {@code org.myelin.api.Op}),
 * gradcheck and {@code myelin doctor} all read the names from here.
 */
public final class BuiltinOperators implements OperatorProvider {
    private static final List<Operator> ALL = table();

    /** Made by ServiceLoader. */
    public BuiltinOperators() {
        // The table is built once per JVM; its operators are stateless.
    }

    private static List<Operator> table() {
        List<Operator> all = new ArrayList<>();
        all.addAll(Elementwise.all());
        all.addAll(Reductions.all());
        all.addAll(Max.all());
        all.addAll(Views.all());
        all.addAll(Slice.all());
        all.add(Cat.declaration());
        all.addAll(Indexing.all());
        all.add(Matmul.declaration());
        all.add(Linear.declaration());
        all.add(CrossEntropy.declaration());
        all.addAll(Conv.all());
        all.addAll(Pooling.all());
        all.addAll(Normalization.all());
        all.addAll(OptimizerSteps.all());
        return List.copyOf(all);
    }

    @Override
    public List<Operator> operators() {
        return ALL;
    }
}
