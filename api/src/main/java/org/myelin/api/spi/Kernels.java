package org.myelin.api.spi;

/**
 * The primitive kernels a backend runs. They compute values only: gradients are written once, in
 * terms of tensor operations, by the operators. Every view is given with its strides, so kernels
 * handle non-contiguous inputs; a stride of 0 is a broadcast. Unless a method says otherwise,
 * inputs and output have the same shape and floating type (FLOAT32 or FLOAT64), the output is
 * written in full, and the output never overlaps an input except when it is the very same view.
 */
public interface Kernels {

    /**
     * @param out the view to fill
     * @param value the value, converted to out's type
     */
    void fill(Strided out, double value);

    /**
     * Copies elements, converting the type when {@code src} and {@code dst} differ in type
     * (float to INT64 truncates toward zero).
     *
     * @param src the source
     * @param dst the destination, of the same shape
     */
    void copy(Strided src, Strided dst);

    /**
     * @param out a 1-d view
     * @param start the first value
     * @param step the increment
     */
    void arange(Strided out, double start, double step);

    /**
     * @param op the function
     * @param x the input
     * @param out the output
     */
    void unary(UnaryOp op, Strided x, Strided out);

    /**
     * @param op  the function
     * @param a   the left input, broadcast to out's shape by its strides
     * @param b   the right input, broadcast likewise
     * @param out the output
     */
    void binary(BinaryOp op, Strided a, Strided b, Strided out);

    /**
     * @param op     the function
     * @param a      the left input
     * @param scalar the right input, one value
     * @param out    the output
     */
    void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out);

    /**
     * Writes 1 where the comparison holds and 0 elsewhere.
     *
     * @param op  the comparison
     * @param a   the left input, broadcast to out's shape
     * @param b   the right input, broadcast to out's shape
     * @param out the output, of any type
     */
    void compare(CompareOp op, Strided a, Strided b, Strided out);

    /**
     * @param condition non-zero picks {@code a}, broadcast to out's shape
     * @param a         the values where true
     * @param b         the values where false
     * @param out       the output
     */
    void where(Strided condition, Strided a, Strided b, Strided out);

    /**
     * Reduces {@code x} into {@code out}, which has x's rank: each axis where out has size 1 and x
     * does not is reduced.
     *
     * @param op  the reduction
     * @param x   the input
     * @param out the output, keeping reduced axes with size 1
     */
    void reduce(ReduceOp op, Strided x, Strided out);

    /**
     * @param max  true for argmax, false for argmin; ties pick the first index
     * @param x    the input
     * @param axis the axis to search
     * @param out  INT64, x's shape with that axis of size 1
     */
    void argReduce(boolean max, Strided x, int axis, Strided out);

    /**
     * Batched matrix product {@code out[..., m, n] = sum_k a[..., m, k] * b[..., k, n]}. All three
     * have the same rank (at least 2); batch axes of {@code a} and {@code b} are broadcast to out's by
     * their strides. Transposed operands arrive as swapped strides.
     *
     * @param a   the left operand
     * @param b   the right operand
     * @param out the product, overwritten
     */
    void matmul(Strided a, Strided b, Strided out);

    /**
     * @param x    the input
     * @param axis the axis to normalise over
     * @param out  softmax of x along the axis, or its logarithm
     * @param log  true for log-softmax
     */
    void softmax(Strided x, int axis, Strided out, boolean log);

    /**
     * Fills with uniform values in [low, high). Element i (row-major) takes
     * {@link Philox} draw number {@code counter + i}, so every backend produces the same numbers.
     *
     * @param out     the output
     * @param seed    the generator's seed
     * @param counter the first draw number
     * @param low     the lower bound
     * @param high    the upper bound
     */
    void randomUniform(Strided out, long seed, long counter, double low, double high);

    /**
     * Fills with normal values; element i takes {@link Philox} draw number {@code counter + i}.
     *
     * @param out     the output
     * @param seed    the generator's seed
     * @param counter the first draw number
     * @param mean    the mean
     * @param std     the standard deviation
     */
    void randomNormal(Strided out, long seed, long counter, double mean, double std);

    /**
     * {@code out[i][j] = x[index[i][j]][j]} for axis 0, and so on, as torch.gather.
     *
     * @param x     the source
     * @param axis  the axis indexed
     * @param index INT64, of out's shape
     * @param out   the output
     */
    void gather(Strided x, int axis, Strided index, Strided out);

    /**
     * {@code out[index[i][j]][j] += src[i][j]} for axis 0, and so on, as torch.scatter_add_.
     *
     * @param out   the accumulator, changed in place
     * @param axis  the axis indexed
     * @param index INT64, of src's shape
     * @param src   the values added
     */
    void scatterAdd(Strided out, int axis, Strided index, Strided src);

    /**
     * One fused SGD update with PyTorch's semantics, in place, on contiguous views of one shape:
     * {@code g = grad + weightDecay * p}; with momentum, {@code buf = momentum * buf + (1 - dampening) * g}
     * ({@code buf = g} on the first step) and {@code g = nesterov ? g + momentum * buf : buf};
     * then {@code p -= lr * g}.
     *
     * @param param          the parameter, updated
     * @param grad           its gradient
     * @param momentumBuffer the momentum buffer, updated; null when momentum is 0
     * @param lr             the learning rate
     * @param momentum       the momentum factor
     * @param dampening      the dampening
     * @param weightDecay    the L2 factor
     * @param nesterov       Nesterov momentum
     * @param firstStep      true on the first step, when the buffer is initialised from g
     */
    void sgdStep(Strided param, Strided grad, Strided momentumBuffer, double lr, double momentum,
                 double dampening, double weightDecay, boolean nesterov, boolean firstStep);

    /**
     * One fused Adam or AdamW update with PyTorch's semantics, in place, on contiguous views.
     *
     * @param param       the parameter, updated
     * @param grad        its gradient
     * @param m           the first moment, updated
     * @param v           the second moment, updated
     * @param lr          the learning rate
     * @param beta1       the first moment's decay
     * @param beta2       the second moment's decay
     * @param eps         added to the denominator
     * @param weightDecay the decay factor
     * @param decoupled   true for AdamW ({@code p *= 1 - lr * wd}); false adds {@code wd * p} to the gradient
     * @param step        the step number, from 1
     */
    void adamStep(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                  double eps, double weightDecay, boolean decoupled, long step);
}
