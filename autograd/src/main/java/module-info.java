/**
 * The engine: tensors, graph recording, backward, the dispatcher to backends, and the built-in
 * operators, each declared once with its gradient. Exports nothing: users reach it through
 * {@code org.myelin.api}.
 */
module org.myelin.autograd {
    requires org.myelin.api;

    uses org.myelin.api.spi.Backend;
    uses org.myelin.api.Operator;
    uses org.myelin.api.spi.OperatorProvider;
    uses org.myelin.api.spi.KernelProvider;

    provides org.myelin.api.TensorEngine with org.myelin.autograd.MyelinEngine;
    provides org.myelin.api.spi.OperatorProvider with org.myelin.autograd.ops.BuiltinOperators;
}
