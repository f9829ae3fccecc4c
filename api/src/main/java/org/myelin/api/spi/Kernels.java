package org.myelin.api.spi;

import java.util.Objects;

/**
 * The primitive kernels a backend runs, in families that a pack implements one class each (one
 * class may implement several). They compute values only: gradients are written once, in terms
 * of tensor operations, by the operators. Every view is given with its strides, so kernels handle
 * non-contiguous inputs; a stride of 0 is a broadcast. Unless a method says otherwise, inputs and
 * output have the same shape and floating type (FLOAT32 or FLOAT64), the output is written in full,
 * and the output never overlaps an input except when it is the very same view. Fused kernels that
 * are not primitives ({@link FusedKernels}) reach operators through {@link KernelProvider}.
 */
public final class Kernels {
    private final Fill fill;
    private final Unary unary;
    private final Binary binary;
    private final Select select;
    private final Reduce reduce;
    private final Matmul matmul;
    private final Random random;
    private final Index index;

    /**
     * @param fill filling, copying and ranges
     * @param unary functions of one tensor
     * @param binary functions of two tensors
     * @param select comparisons and choosing
     * @param reduce reductions over axes
     * @param matmul the batched matrix product
     * @param random counter-based random fills
     * @param index indexing along an axis
     */
    public Kernels(Fill fill, Unary unary, Binary binary, Select select, Reduce reduce, Matmul matmul, Random random,
                   Index index) {
        this.fill = Objects.requireNonNull(fill, "fill kernels");
        this.unary = Objects.requireNonNull(unary, "unary kernels");
        this.binary = Objects.requireNonNull(binary, "binary kernels");
        this.select = Objects.requireNonNull(select, "select kernels");
        this.reduce = Objects.requireNonNull(reduce, "reduce kernels");
        this.matmul = Objects.requireNonNull(matmul, "matmul kernels");
        this.random = Objects.requireNonNull(random, "random kernels");
        this.index = Objects.requireNonNull(index, "index kernels");
    }

    /** Runs {@link Fill#fill(Strided,double)}. */
    public void fill(Strided out, double value) {
        this.fill.fill(out, value);
    }

    /** Runs {@link Fill#copy(Strided,Strided)}. */
    public void copy(Strided src, Strided dst) {
        this.fill.copy(src, dst);
    }

    /** Runs {@link Fill#arange(Strided,double,double)}. */
    public void arange(Strided out, double start, double step) {
        this.fill.arange(out, start, step);
    }

    /** Runs {@link Unary#unary(UnaryOp,Strided,Strided)}. */
    public void unary(UnaryOp op, Strided x, Strided out) {
        this.unary.unary(op, x, out);
    }

    /** Runs {@link Binary#binary(BinaryOp,Strided,Strided,Strided)}. */
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        this.binary.binary(op, a, b, out);
    }

    /** Runs {@link Binary#binaryScalar(BinaryOp,Strided,double,Strided)}. */
    public void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out) {
        this.binary.binaryScalar(op, a, scalar, out);
    }

    /** Runs {@link Select#compare(CompareOp,Strided,Strided,Strided)}. */
    public void compare(CompareOp op, Strided a, Strided b, Strided out) {
        this.select.compare(op, a, b, out);
    }

    /** Runs {@link Select#where(Strided,Strided,Strided,Strided)}. */
    public void where(Strided condition, Strided a, Strided b, Strided out) {
        this.select.where(condition, a, b, out);
    }

    /** Runs {@link Reduce#reduce(ReduceOp,Strided,Strided)}. */
    public void reduce(ReduceOp op, Strided x, Strided out) {
        this.reduce.reduce(op, x, out);
    }

    /** Runs {@link Reduce#argReduce(boolean,Strided,int,Strided)}. */
    public void argReduce(boolean max, Strided x, int axis, Strided out) {
        this.reduce.argReduce(max, x, axis, out);
    }

    /** Runs {@link Matmul#matmul(Strided,Strided,Strided)}. */
    public void matmul(Strided a, Strided b, Strided out) {
        this.matmul.matmul(a, b, out);
    }

    /** Runs {@link Random#randomUniform(Strided,long,long,double,double)}. */
    public void randomUniform(Strided out, long seed, long counter, double low, double high) {
        this.random.randomUniform(out, seed, counter, low, high);
    }

    /** Runs {@link Random#randomNormal(Strided,long,long,double,double)}. */
    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
        this.random.randomNormal(out, seed, counter, mean, std);
    }

    /** Runs {@link Index#gather(Strided,int,Strided,Strided)}. */
    public void gather(Strided x, int axis, Strided index, Strided out) {
        this.index.gather(x, axis, index, out);
    }

    /** Runs {@link Index#scatterAdd(Strided,int,Strided,Strided)}. */
    public void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        this.index.scatterAdd(out, axis, index, src);
    }

    /** The kernels of filling, copying and ranges. */
    public interface Fill {
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
    }

    /** The kernels of functions of one tensor. */
    public interface Unary {
        /**
         * @param op the function
         * @param x the input
         * @param out the output
         */
        void unary(UnaryOp op, Strided x, Strided out);
    }

    /** The kernels of functions of two tensors. */
    public interface Binary {
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
    }

    /** The kernels of comparisons and choosing. */
    public interface Select {
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
    }

    /** The kernels of reductions over axes. */
    public interface Reduce {
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
    }

    /** The kernels of the batched matrix product. */
    public interface Matmul {
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
    }

    /** The kernels of counter-based random fills. */
    public interface Random {
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
    }

    /** The kernels of indexing along an axis. */
    public interface Index {
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
    }
}
