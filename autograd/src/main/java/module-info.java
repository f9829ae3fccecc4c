import org.myelin.autograd.ops.Activations;
import org.myelin.autograd.ops.Arithmetic;
import org.myelin.autograd.ops.Fused;
import org.myelin.autograd.ops.Reductions;
import org.myelin.autograd.ops.ScalarArithmetic;
import org.myelin.autograd.ops.Selection;
import org.myelin.autograd.ops.Views;

/**
 * The engine: tensors, graph recording, backward, the dispatcher to backends, and the built-in
 * operators, each with its gradient. Exports nothing: users reach it through {@code org.myelin.api}.
 */
module org.myelin.autograd {
    requires org.myelin.api;

    uses org.myelin.api.spi.Backend;
    uses org.myelin.api.Operator;
    uses org.myelin.api.spi.KernelProvider;

    provides org.myelin.api.spi.TensorEngine with org.myelin.autograd.MyelinEngine;
    provides org.myelin.api.Operator with
            Arithmetic.Add, Arithmetic.Sub, Arithmetic.Mul, Arithmetic.Div, Arithmetic.Pow,
            Arithmetic.Maximum, Arithmetic.Minimum,
            ScalarArithmetic.AddScalar, ScalarArithmetic.MulScalar, ScalarArithmetic.DivScalar,
            ScalarArithmetic.PowScalar, ScalarArithmetic.RsubScalar, ScalarArithmetic.Clamp,
            Activations.Neg, Activations.Exp, Activations.Log, Activations.Sqrt, Activations.Reciprocal,
            Activations.Abs, Activations.Sign, Activations.Square, Activations.Sigmoid, Activations.Tanh,
            Activations.Relu, Activations.Softplus, Activations.Log1p, Activations.LeakyRelu,
            Selection.Compare, Selection.Where,
            org.myelin.autograd.ops.Matmul,
            Views.Reshape, Views.Transpose, Views.Slice, Views.Expand, Views.Copy, Views.ToDType,
            Views.ToDevice, Views.Cat, Views.Gather,
            Reductions.Sum, Reductions.Mean, Reductions.Max, Reductions.ArgMax, Reductions.LogSumExp,
            Reductions.Softmax, Reductions.LogSoftmax,
            Fused.Linear, Fused.CrossEntropy, Fused.SgdStep, Fused.AdamStep;
}
