package org.myelin.api;

import java.util.List;

/**
 * An n-dimensional array that remembers how it was made. A tensor holds its values, a link to the
 * operation that created it ({@link #gradFn()}), and, once {@link #backward()} has run, its
 * gradient ({@link #grad()}). Operations return new tensors; the ones whose names end in
 * {@code InPlace} change this tensor and bump its version counter.
 *
 * <p>Binary operations broadcast by PyTorch's rules. Axis numbers may be negative, counting from
 * the end. Views ({@link #reshape}, {@link #view}, {@link #transpose}, {@link #slice},
 * {@link #expand}) share storage with their base where they can.
 *
 * <p>The static factories delegate to the {@link TensorEngine} found on the module path.
 */
public interface Tensor {

    // ---------------------------------------------------------------- factories

    /**
     * @param shape the sizes
     * @return a FLOAT32 tensor of zeros on the CPU
     */
    static Tensor zeros(long... shape) {
        return TensorEngine.get().full(DType.FLOAT32, Shape.of(shape), 0.0);
    }

    /**
     * @param dtype the element type
     * @param shape the sizes
     * @return a tensor of zeros
     */
    static Tensor zeros(DType dtype, long... shape) {
        return TensorEngine.get().full(dtype, Shape.of(shape), 0.0);
    }

    /**
     * @param shape the sizes
     * @return a FLOAT32 tensor of ones
     */
    static Tensor ones(long... shape) {
        return TensorEngine.get().full(DType.FLOAT32, Shape.of(shape), 1.0);
    }

    /**
     * @param dtype the element type
     * @param shape the sizes
     * @return a tensor of ones
     */
    static Tensor ones(DType dtype, long... shape) {
        return TensorEngine.get().full(dtype, Shape.of(shape), 1.0);
    }

    /**
     * @param value every element's value
     * @param shape the sizes
     * @return a FLOAT32 tensor
     */
    static Tensor full(double value, long... shape) {
        return TensorEngine.get().full(DType.FLOAT32, Shape.of(shape), value);
    }

    /**
     * @param shape the sizes
     * @return FLOAT32 values drawn uniformly from [0, 1)
     */
    static Tensor rand(long... shape) {
        return TensorEngine.get().rand(DType.FLOAT32, Shape.of(shape));
    }

    /**
     * @param dtype the element type
     * @param shape the sizes
     * @return values drawn uniformly from [0, 1)
     */
    static Tensor rand(DType dtype, long... shape) {
        return TensorEngine.get().rand(dtype, Shape.of(shape));
    }

    /**
     * @param shape the sizes
     * @return FLOAT32 values drawn from the standard normal distribution
     */
    static Tensor randn(long... shape) {
        return TensorEngine.get().randn(DType.FLOAT32, Shape.of(shape));
    }

    /**
     * @param dtype the element type
     * @param shape the sizes
     * @return standard normal values
     */
    static Tensor randn(DType dtype, long... shape) {
        return TensorEngine.get().randn(dtype, Shape.of(shape));
    }

    /**
     * @param end the exclusive end
     * @return FLOAT32 values 0, 1, ..., end-1
     */
    static Tensor arange(double end) {
        return arange(0, end, 1);
    }

    /**
     * @param start the first value
     * @param end   the exclusive end
     * @param step  the distance between values, not 0
     * @return FLOAT32 values start, start+step, ... below end
     */
    static Tensor arange(double start, double end, double step) {
        return TensorEngine.get().arange(DType.FLOAT32, start, end, step);
    }

    /**
     * @param data the values, row-major
     * @param shape the sizes; empty for a 1-d tensor
     * @return a FLOAT32 tensor
     */
    static Tensor of(float[] data, long... shape) {
        return TensorEngine.get().of(data, shape.length == 0 ? Shape.of(data.length) : Shape.of(shape));
    }

    /**
     * @param data the values, row-major
     * @param shape the sizes; empty for a 1-d tensor
     * @return a FLOAT64 tensor
     */
    static Tensor of(double[] data, long... shape) {
        return TensorEngine.get().of(data, shape.length == 0 ? Shape.of(data.length) : Shape.of(shape));
    }

    /**
     * @param data the values, row-major
     * @param shape the sizes; empty for a 1-d tensor
     * @return an INT64 tensor
     */
    static Tensor of(long[] data, long... shape) {
        return TensorEngine.get().of(data, shape.length == 0 ? Shape.of(data.length) : Shape.of(shape));
    }

    /**
     * Like {@link #of(float[], long...)}, but hands the array over instead of copying it, as a data
     * loader does with a batch it has just filled. The caller must not read or write {@code data}
     * afterwards: the tensor may use it as its storage.
     *
     * @param data the values, row-major; owned by the tensor from now on
     * @param shape the sizes; empty for a 1-d tensor
     * @return a FLOAT32 tensor
     */
    static Tensor wrap(float[] data, long... shape) {
        return TensorEngine.get().wrap(data, shape.length == 0 ? Shape.of(data.length) : Shape.of(shape));
    }

    /**
     * Like {@link #of(double[], long...)}, but hands the array over instead of copying it, as a data
     * loader does with a batch it has just filled. The caller must not read or write {@code data}
     * afterwards: the tensor may use it as its storage.
     *
     * @param data the values, row-major; owned by the tensor from now on
     * @param shape the sizes; empty for a 1-d tensor
     * @return a FLOAT64 tensor
     */
    static Tensor wrap(double[] data, long... shape) {
        return TensorEngine.get().wrap(data, shape.length == 0 ? Shape.of(data.length) : Shape.of(shape));
    }

    /**
     * Like {@link #of(long[], long...)}, but hands the array over instead of copying it, as a data
     * loader does with a batch it has just filled. The caller must not read or write {@code data}
     * afterwards: the tensor may use it as its storage.
     *
     * @param data the values, row-major; owned by the tensor from now on
     * @param shape the sizes; empty for a 1-d tensor
     * @return an INT64 tensor
     */
    static Tensor wrap(long[] data, long... shape) {
        return TensorEngine.get().wrap(data, shape.length == 0 ? Shape.of(data.length) : Shape.of(shape));
    }

    /**
     * @param value the value
     * @return a rank-0 FLOAT32 tensor
     */
    static Tensor scalar(double value) {
        return TensorEngine.get().full(DType.FLOAT32, Shape.scalar(), value);
    }

    /**
     * @param generator where the draws come from
     * @param shape     the sizes
     * @return FLOAT32 values drawn uniformly from [0, 1)
     */
    static Tensor rand(Generator generator, long... shape) {
        return TensorEngine.get().rand(DType.FLOAT32, Shape.of(shape), generator);
    }

    /**
     * @param generator where the draws come from
     * @param dtype     the element type
     * @param shape     the sizes
     * @return values drawn uniformly from [0, 1)
     */
    static Tensor rand(Generator generator, DType dtype, long... shape) {
        return TensorEngine.get().rand(dtype, Shape.of(shape), generator);
    }

    /**
     * @param generator where the draws come from
     * @param shape     the sizes
     * @return FLOAT32 standard normal values
     */
    static Tensor randn(Generator generator, long... shape) {
        return TensorEngine.get().randn(DType.FLOAT32, Shape.of(shape), generator);
    }

    /**
     * @param generator where the draws come from
     * @param dtype     the element type
     * @param shape     the sizes
     * @return standard normal values
     */
    static Tensor randn(Generator generator, DType dtype, long... shape) {
        return TensorEngine.get().randn(dtype, Shape.of(shape), generator);
    }

    /** @return the current thread's default generator, which {@link #manualSeed} seeds */
    static Generator defaultGenerator() {
        return TensorEngine.get().defaultGenerator();
    }

    /**
     * Seeds the current thread's default generator, behind rand, randn, initialisers and dropout
     * when they are given none; other threads keep theirs (see {@link Generator}).
     *
     * @param seed the seed
     */
    static void manualSeed(long seed) {
        TensorEngine.get().manualSeed(seed);
    }

    /**
     * Runs an operator by name, a built-in one or a plugin's.
     *
     * @param operator the operator's name
     * @param inputs   its inputs
     * @return its output, recorded in the graph when grad mode is on
     * @throws UnknownNameException when no operator has that name
     */
    static Tensor apply(String operator, Tensor... inputs) {
        return engineOf(inputs).apply(operator, Attrs.EMPTY, inputs);
    }

    /**
     * Runs an operator by name with attributes, such as an axis or a slope.
     *
     * @param operator the operator's name
     * @param attrs    its attributes
     * @param inputs   its inputs
     * @return its output
     */
    static Tensor apply(String operator, Attrs attrs, Tensor... inputs) {
        return engineOf(inputs).apply(operator, attrs, inputs);
    }

    /**
     * Runs a user's own operator object, with no registration needed.
     *
     * @param operator the operator, with its forward and backward
     * @param inputs   its inputs
     * @return its output, recorded in the graph when grad mode is on
     */
    static Tensor apply(Operator operator, Tensor... inputs) {
        return engineOf(inputs).apply(operator, Attrs.EMPTY, inputs);
    }

    /**
     * Runs a user's own operator object with attributes.
     *
     * @param operator the operator
     * @param attrs    its attributes
     * @param inputs   its inputs
     * @return its output
     */
    static Tensor apply(Operator operator, Attrs attrs, Tensor... inputs) {
        return engineOf(inputs).apply(operator, attrs, inputs);
    }

    /**
     * Runs an operator through its reference, the fastest way to call one by name.
     *
     * @param op     a built-in such as {@link Op#LINEAR}, or {@link Op#named} for a plugin's
     * @param inputs its inputs
     * @return its output
     */
    static Tensor apply(Op op, Tensor... inputs) {
        return engineOf(inputs).apply(op, Attrs.EMPTY, inputs);
    }

    /**
     * @param op     an operator's reference
     * @param attrs  its attributes
     * @param inputs its inputs
     * @return its output
     */
    static Tensor apply(Op op, Attrs attrs, Tensor... inputs) {
        return engineOf(inputs).apply(op, attrs, inputs);
    }

    /**
     * Joins tensors along an axis; all other sizes must match.
     *
     * @param axis    the axis to join along
     * @param tensors the tensors
     * @return the joined tensor
     */
    static Tensor cat(int axis, Tensor... tensors) {
        return engineOf(tensors).apply(Op.CAT, Attrs.of("axis", axis), tensors);
    }

    /**
     * @param axis    the axis to join along
     * @param tensors the tensors
     * @return the joined tensor
     */
    static Tensor cat(int axis, List<Tensor> tensors) {
        return cat(axis, tensors.toArray(Tensor[]::new));
    }

    /**
     * Joins tensors along a new axis, as torch.stack; all must have the same shape.
     *
     * @param axis    where the new axis goes, from 0 to the tensors' rank
     * @param tensors the tensors
     * @return the stacked tensor
     */
    static Tensor stack(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new InvalidArgumentException("stack needs at least one tensor");
        }
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!tensors[i].shape().equals(tensors[0].shape())) {
                throw new ShapeMismatchException("stack: tensor " + i + " has shape " + tensors[i].shape()
                        + " but tensor 0 has " + tensors[0].shape() + "; all must have the same shape");
            }
            expanded[i] = tensors[i].unsqueeze(axis);
        }
        return cat(axis, expanded);
    }

    /**
     * Picks from {@code a} where {@code condition} is non-zero, else from {@code b}; all three broadcast.
     *
     * @param condition the choice
     * @param a         where true
     * @param b         where false
     * @return the chosen values
     */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return engineOf(condition).apply(Op.WHERE, Attrs.EMPTY, condition, a, b);
    }

    // ---------------------------------------------------------------- metadata

    /** @return the sizes */
    Shape shape();

    /**
     * @param axis an axis, negative from the end
     * @return that axis's size
     */
    default long size(int axis) {
        return shape().size(axis);
    }

    /** @return the number of dimensions */
    default int dim() {
        return shape().rank();
    }

    /** @return the number of elements */
    default long numel() {
        return shape().numel();
    }

    /** @return the element type */
    DType dtype();

    /** @return where the memory lives */
    Device device();

    /** @return true when this tensor's elements are laid out row-major without gaps */
    boolean isContiguous();

    /** @return the engine that made this tensor, which runs its operations */
    TensorEngine engine();

    /**
     * @param shape the sizes
     * @return a tensor of zeros of this tensor's type, on its device
     */
    default Tensor newZeros(long... shape) {
        return engine().full(dtype(), Shape.of(shape), 0, device());
    }

    /**
     * @param value every element's value
     * @param shape the sizes; none for a scalar
     * @return a tensor of this tensor's type, on its device
     */
    default Tensor newFull(double value, long... shape) {
        return engine().full(dtype(), Shape.of(shape), value, device());
    }

    // ---------------------------------------------------------------- arithmetic

    /**
     * @param other a tensor that broadcasts with this one
     * @return this + other
     */
    default Tensor add(Tensor other) {
        return call(Op.ADD, Attrs.EMPTY, other);
    }

    /**
     * @param value a scalar
     * @return this + value
     */
    default Tensor add(double value) {
        return call(Op.ADD_SCALAR, Attrs.of("value", value));
    }

    /**
     * @param other a tensor that broadcasts with this one
     * @return this - other
     */
    default Tensor sub(Tensor other) {
        return call(Op.SUB, Attrs.EMPTY, other);
    }

    /**
     * @param value a scalar
     * @return this - value
     */
    default Tensor sub(double value) {
        return call(Op.ADD_SCALAR, Attrs.of("value", -value));
    }

    /**
     * @param other a tensor that broadcasts with this one
     * @return this * other, elementwise
     */
    default Tensor mul(Tensor other) {
        return call(Op.MUL, Attrs.EMPTY, other);
    }

    /**
     * @param value a scalar
     * @return this * value
     */
    default Tensor mul(double value) {
        return call(Op.MUL_SCALAR, Attrs.of("value", value));
    }

    /**
     * @param other a tensor that broadcasts with this one
     * @return this / other, elementwise
     */
    default Tensor div(Tensor other) {
        return call(Op.DIV, Attrs.EMPTY, other);
    }

    /**
     * @param value a scalar
     * @return this / value
     */
    default Tensor div(double value) {
        return call(Op.DIV_SCALAR, Attrs.of("value", value));
    }

    /**
     * @param value a scalar
     * @return value - this
     */
    default Tensor rsub(double value) {
        return call(Op.RSUB_SCALAR, Attrs.of("value", value));
    }

    /**
     * @param exponent a scalar
     * @return this raised elementwise to the exponent
     */
    default Tensor pow(double exponent) {
        return call(Op.POW_SCALAR, Attrs.of("value", exponent));
    }

    /**
     * @param exponent a tensor that broadcasts with this one
     * @return this raised to it, elementwise
     */
    default Tensor pow(Tensor exponent) {
        return call(Op.POW, Attrs.EMPTY, exponent);
    }

    /**
     * @param other a tensor that broadcasts with this one
     * @return the elementwise maximum
     */
    default Tensor maximum(Tensor other) {
        return call(Op.MAXIMUM, Attrs.EMPTY, other);
    }

    /**
     * @param other a tensor that broadcasts with this one
     * @return the elementwise minimum
     */
    default Tensor minimum(Tensor other) {
        return call(Op.MINIMUM, Attrs.EMPTY, other);
    }

    /**
     * @param min the lower bound
     * @param max the upper bound
     * @return the values clamped into [min, max]
     */
    default Tensor clamp(double min, double max) {
        return call(Op.CLAMP, Attrs.of("min", min, "max", max));
    }

    /** @return -this */
    default Tensor neg() {
        return call(Op.NEG, Attrs.EMPTY);
    }

    /** @return e to the power of each element */
    default Tensor exp() {
        return call(Op.EXP, Attrs.EMPTY);
    }

    /** @return the natural logarithm of each element */
    default Tensor log() {
        return call(Op.LOG, Attrs.EMPTY);
    }

    /** @return the square root of each element */
    default Tensor sqrt() {
        return call(Op.SQRT, Attrs.EMPTY);
    }

    /** @return 1 / each element */
    default Tensor reciprocal() {
        return call(Op.RECIPROCAL, Attrs.EMPTY);
    }

    /** @return the absolute value of each element */
    default Tensor abs() {
        return call(Op.ABS, Attrs.EMPTY);
    }

    /** @return each element squared */
    default Tensor square() {
        return call(Op.SQUARE, Attrs.EMPTY);
    }

    /** @return 1 / (1 + exp(-x)) of each element */
    default Tensor sigmoid() {
        return call(Op.SIGMOID, Attrs.EMPTY);
    }

    /** @return the hyperbolic tangent of each element */
    default Tensor tanh() {
        return call(Op.TANH, Attrs.EMPTY);
    }

    /** @return max(x, 0) of each element */
    default Tensor relu() {
        return call(Op.RELU, Attrs.EMPTY);
    }

    /**
     * @param slope the slope for negative inputs
     * @return x for x &gt; 0, else slope * x
     */
    default Tensor leakyRelu(double slope) {
        return call(Op.LEAKY_RELU, Attrs.of("slope", slope));
    }

    /** @return log(1 + exp(x)) of each element, computed stably */
    default Tensor softplus() {
        return call(Op.SOFTPLUS, Attrs.EMPTY);
    }

    /** @return -1, 0 or 1 by the sign of each element; its gradient is zero */
    default Tensor sign() {
        return call(Op.SIGN, Attrs.EMPTY);
    }

    /** @return log(1 + x) of each element, accurate near 0 */
    default Tensor log1p() {
        return call(Op.LOG1P, Attrs.EMPTY);
    }

    // ---------------------------------------------------------------- comparison (no gradient)

    /**
     * @param other a broadcastable tensor
     * @return 1 where equal, else 0, in the inputs' floating type (FLOAT32 for integers)
     */
    default Tensor eq(Tensor other) {
        return call(Op.COMPARE, Attrs.of("op", "EQ"), other);
    }

    /**
     * @param other a broadcastable tensor
     * @return 1 where this &gt; other, else 0, in the inputs' floating type (FLOAT32 for integers)
     */
    default Tensor gt(Tensor other) {
        return call(Op.COMPARE, Attrs.of("op", "GT"), other);
    }

    /**
     * @param other a broadcastable tensor
     * @return 1 where this &lt; other, else 0
     */
    default Tensor lt(Tensor other) {
        return call(Op.COMPARE, Attrs.of("op", "LT"), other);
    }

    /**
     * @param value a scalar
     * @return 1 where this &gt; value, else 0
     */
    default Tensor gt(double value) {
        return gt(newFull(value));
    }

    /**
     * @param value a scalar
     * @return 1 where this &lt; value, else 0
     */
    default Tensor lt(double value) {
        return lt(newFull(value));
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with PyTorch's rules: 1-d operands are promoted to matrices and back, and
     * batch dimensions broadcast.
     *
     * @param other the right operand
     * @return this @ other
     */
    default Tensor matmul(Tensor other) {
        if (dim() == 0 || other.dim() == 0) {
            throw new ShapeMismatchException("matmul: both operands need at least one dimension, got shapes "
                    + shape() + " and " + other.shape() + "; use mul() for scalars");
        }
        Tensor a = dim() == 1 ? unsqueeze(0) : this;
        Tensor b = other.dim() == 1 ? other.unsqueeze(1) : other;
        Tensor out = engine().apply(Op.MATMUL, Attrs.EMPTY, a, b);
        if (other.dim() == 1) {
            out = out.squeeze(-1);
        }
        if (dim() == 1) {
            out = out.squeeze(-2 + (other.dim() == 1 ? 1 : 0));
        }
        return out;
    }

    /** @return the transpose of a matrix (a view); a 1-d tensor is returned unchanged */
    default Tensor t() {
        if (dim() > 2) {
            throw new InvalidArgumentException("t() expects a tensor of at most 2 dimensions, got shape " + shape()
                    + "; use transpose(axis0, axis1)");
        }
        return dim() < 2 ? this : transpose(0, 1);
    }

    /**
     * @param axis0 one axis
     * @param axis1 another
     * @return a view with the two axes swapped
     */
    default Tensor transpose(int axis0, int axis1) {
        return call(Op.TRANSPOSE, Attrs.of("axis0", axis0, "axis1", axis1));
    }

    /**
     * @param axes a reordering of all the axes: output axis i is input axis {@code axes[i]}
     * @return a view with the axes reordered, as torch.permute
     */
    default Tensor permute(int... axes) {
        return call(Op.PERMUTE, Attrs.of("axes", axes.clone()));
    }

    // ---------------------------------------------------------------- shape

    /**
     * @param shape the new sizes; one may be -1 to be inferred
     * @return a view where possible, else a copy
     */
    default Tensor reshape(long... shape) {
        return call(Op.RESHAPE, Attrs.of("shape", shape.clone(), "view", false));
    }

    /**
     * @param shape the new sizes; one may be -1
     * @return a view sharing storage; fails on an incompatible layout
     */
    default Tensor view(long... shape) {
        return call(Op.RESHAPE, Attrs.of("shape", shape.clone(), "view", true));
    }

    /**
     * @param axis  the axis to cut
     * @param start the first index, negative from the end
     * @param end   the exclusive end, clamped to the size
     * @return a view of the elements start..end-1 along the axis
     */
    default Tensor slice(int axis, long start, long end) {
        return call(Op.SLICE, Attrs.of("axis", axis, "start", start, "end", end));
    }

    /**
     * @param shape the target sizes; -1 keeps a size
     * @return a broadcast view with stride 0 in new dimensions
     */
    default Tensor expand(long... shape) {
        return call(Op.EXPAND, Attrs.of("shape", shape.clone()));
    }

    /**
     * @param axis where to insert
     * @return a view with a new axis of size 1
     */
    default Tensor unsqueeze(int axis) {
        int rank = dim();
        int a = Shape.normalizeAxis(axis, rank + 1);
        long[] dims = new long[rank + 1];
        for (int i = 0, j = 0; i <= rank; i++) {
            dims[i] = i == a ? 1 : shape().size(j++);
        }
        return reshape(dims);
    }

    /**
     * @param axis an axis of size 1
     * @return a view without it
     */
    default Tensor squeeze(int axis) {
        int a = shape().normalizeAxis(axis);
        if (shape().size(a) != 1) {
            return this;
        }
        long[] dims = new long[dim() - 1];
        for (int i = 0, j = 0; i < dim(); i++) {
            if (i != a) {
                dims[j++] = shape().size(i);
            }
        }
        return reshape(dims);
    }

    /**
     * @param startAxis the first axis to merge
     * @return a view (or copy) merging axes startAxis..end into one
     */
    default Tensor flatten(int startAxis) {
        if (dim() == 0) {
            return reshape(1);
        }
        int s = shape().normalizeAxis(startAxis);
        long[] dims = new long[s + 1];
        long rest = 1;
        for (int i = 0; i < dim(); i++) {
            if (i < s) {
                dims[i] = shape().size(i);
            } else {
                rest *= shape().size(i);
            }
        }
        dims[s] = rest;
        return reshape(dims);
    }

    /** @return this tensor when contiguous, else a contiguous copy */
    default Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    /** @return a copy that owns its storage and stays in the graph */
    default Tensor copy() {
        return call(Op.COPY, Attrs.EMPTY);
    }

    /**
     * @param axis  the axis to index along
     * @param index an INT64 tensor of the output's shape
     * @return out[i][j] = this[index[i][j]][j] for axis 0 (and so on), as torch.gather
     */
    default Tensor gather(int axis, Tensor index) {
        return call(Op.GATHER, Attrs.of("axis", axis), index);
    }

    /**
     * A copy of this tensor with {@code src} added at {@code index}: out[index[i][j]][j] += src[i][j]
     * for axis 0, and so on, as torch.scatter_add. Differentiable in this tensor and in src.
     *
     * @param axis  the axis indexed
     * @param index an INT64 tensor of src's shape
     * @param src   the values added
     * @return the sums
     */
    default Tensor scatterAdd(int axis, Tensor index, Tensor src) {
        return engine().apply(Op.SCATTER_ADD, Attrs.of("axis", axis), this, index, src);
    }

    /**
     * The entries at the given positions along an axis, as torch.index_select.
     *
     * @param axis  the axis
     * @param index a 1-d INT64 tensor of positions, repeats allowed
     * @return a tensor of this one's shape with that axis of the index's length
     */
    default Tensor indexSelect(int axis, Tensor index) {
        if (index.dim() != 1) {
            throw new ShapeMismatchException("indexSelect: the index must be 1-d, got shape " + index.shape());
        }
        int a = shape().normalizeAxis(axis);
        long[] along = new long[dim()];
        java.util.Arrays.fill(along, 1);
        along[a] = index.size(0);
        long[] out = shape().toArray();
        out[a] = index.size(0);
        return gather(a, index.reshape(along).expand(out));
    }

    /**
     * @param mask  where non-zero, broadcast to this tensor's shape
     * @param value the value put there
     * @return a copy with {@code value} where the mask is set, as torch.masked_fill
     */
    default Tensor maskedFill(Tensor mask, double value) {
        return where(mask, newFull(value), this);
    }

    /**
     * Pads with a constant, as PyTorch's {@code F.pad}: {@code pads} holds (before, after) pairs,
     * the last axis first.
     *
     * @param pads  non-negative sizes, two per padded axis
     * @param value the value of the new elements
     * @return the padded tensor
     */
    default Tensor pad(long[] pads, double value) {
        return call(Op.PAD, Attrs.of("pads", pads.clone(), "value", value));
    }

    // ---------------------------------------------------------------- reductions

    /** @return the sum of all elements, a scalar */
    default Tensor sum() {
        return call(Op.SUM, Attrs.of("axes", allAxes(), "keepDim", false));
    }

    /**
     * @param axis the axis to sum over
     * @param keepDim keep it with size 1
     * @return the sums
     */
    default Tensor sum(int axis, boolean keepDim) {
        return sum(new int[] {axis}, keepDim);
    }

    /**
     * @param axes the axes to sum over
     * @param keepDim keep them with size 1
     * @return the sums
     */
    default Tensor sum(int[] axes, boolean keepDim) {
        return call(Op.SUM, Attrs.of("axes", axes.clone(), "keepDim", keepDim));
    }

    /** @return the mean of all elements */
    default Tensor mean() {
        return call(Op.MEAN, Attrs.of("axes", allAxes(), "keepDim", false));
    }

    /**
     * @param axis the axis
     * @param keepDim keep it with size 1
     * @return the means
     */
    default Tensor mean(int axis, boolean keepDim) {
        return call(Op.MEAN, Attrs.of("axes", new int[] {axis}, "keepDim", keepDim));
    }

    /** @return the largest element */
    default Tensor max() {
        return call(Op.MAX, Attrs.EMPTY);
    }

    /**
     * @param axis the axis
     * @param keepDim keep it with size 1
     * @return the largest values along the axis
     */
    default Tensor max(int axis, boolean keepDim) {
        return call(Op.MAX, Attrs.of("axis", axis, "keepDim", keepDim));
    }

    /** @return the smallest element */
    default Tensor min() {
        return call(Op.MIN, Attrs.EMPTY);
    }

    /**
     * @param axis the axis
     * @param keepDim keep it with size 1
     * @return the smallest values along the axis; the gradient goes to the first of them
     */
    default Tensor min(int axis, boolean keepDim) {
        return call(Op.MIN, Attrs.of("axis", axis, "keepDim", keepDim));
    }

    /**
     * @param axis the axis
     * @return the indices of the smallest values along the axis (the first on ties), INT64
     */
    default Tensor argmin(int axis) {
        return call(Op.ARGMIN, Attrs.of("axis", axis));
    }

    /**
     * The variance, as torch.var: the mean squared distance from the mean, divided by n - 1 when
     * {@code unbiased} (Bessel's correction), else by n.
     *
     * @param axes     the axes to reduce
     * @param unbiased divide by n - 1
     * @param keepDim  keep the axes with size 1
     * @return the variances
     */
    default Tensor var(int[] axes, boolean unbiased, boolean keepDim) {
        long n = 1;
        for (int a : axes) {
            n *= shape().size(shape().normalizeAxis(a));
        }
        Tensor centred = sub(sum(axes, true).div(Math.max(1, n)));
        return centred.square().sum(axes, keepDim).div(unbiased ? n - 1 : n);
    }

    /** @return the unbiased variance of all elements, as torch.var() */
    default Tensor var() {
        return var(allAxes(), true, false);
    }

    /**
     * @param axes     the axes to reduce
     * @param unbiased divide by n - 1
     * @param keepDim  keep the axes with size 1
     * @return the standard deviations, the square roots of {@link #var(int[], boolean, boolean)}
     */
    default Tensor std(int[] axes, boolean unbiased, boolean keepDim) {
        return var(axes, unbiased, keepDim).sqrt();
    }

    /** @return the unbiased standard deviation of all elements, as torch.std() */
    default Tensor std() {
        return var().sqrt();
    }

    /** @return the index of the largest element of the flattened tensor, an INT64 scalar */
    default Tensor argmax() {
        return reshape(-1).argmax(0);
    }

    /**
     * @param axis the axis
     * @return the indices of the largest values along the axis, INT64
     */
    default Tensor argmax(int axis) {
        return call(Op.ARGMAX, Attrs.of("axis", axis));
    }

    /**
     * @param axis the axis
     * @return softmax along the axis
     */
    default Tensor softmax(int axis) {
        return call(Op.SOFTMAX, Attrs.of("axis", axis));
    }

    /**
     * @param axis the axis
     * @return log of softmax along the axis, computed stably
     */
    default Tensor logSoftmax(int axis) {
        return call(Op.LOG_SOFTMAX, Attrs.of("axis", axis));
    }

    /**
     * @param axis the axis
     * @return log(sum(exp(x))) along the axis, computed stably, axis removed
     */
    default Tensor logSumExp(int axis) {
        return call(Op.LOGSUMEXP, Attrs.of("axis", axis));
    }

    // ---------------------------------------------------------------- devices and types

    /**
     * @param device the target device
     * @return this tensor there (this one when already there)
     */
    default Tensor to(Device device) {
        return device.equals(device()) ? this : call(Op.TO_DEVICE, Attrs.of("device", device.toString()));
    }

    /**
     * @param dtype the target type
     * @return this tensor converted (this one when already that type)
     */
    default Tensor to(DType dtype) {
        return dtype == dtype() ? this : call(Op.TO_DTYPE, Attrs.of("dtype", dtype.name()));
    }

    // ---------------------------------------------------------------- autograd

    /**
     * @param requiresGrad whether gradients should flow to this leaf tensor
     * @return this tensor
     * @throws DTypeException when asked on a non-floating tensor
     */
    Tensor requiresGrad(boolean requiresGrad);

    /** @return true when gradients flow to or through this tensor */
    boolean requiresGrad();

    /** @return the accumulated gradient; null before any backward, and for non-leaf tensors unless retained */
    Tensor grad();

    /** @param grad the new gradient, or null to clear it */
    void setGrad(Tensor grad);

    /** Keeps this non-leaf tensor's gradient in {@link #grad()} after backward. @return this */
    Tensor retainGrad();

    /**
     * Runs {@code hook} after a backward pass has accumulated this leaf's gradient, as PyTorch's
     * {@code register_post_accumulate_grad_hook}: once per {@code backward()} that gives the leaf a
     * gradient, after every contribution of that pass is added to {@link #grad()}, on the thread
     * running backward, while the rest of the pass goes on. Hooks run in the order they were
     * registered. Distributed data parallelism starts reducing a bucket of gradients from here.
     * {@code Autograd.grad} accumulates into no leaf, so it runs none.
     *
     * @param hook receives this tensor; read its {@link #grad()}
     * @return the handle that unregisters it
     * @throws AutogradException unless this is a leaf that requires grad
     */
    default HookHandle registerPostAccumulateGradHook(java.util.function.Consumer<Tensor> hook) {
        return engine().registerPostAccumulateGradHook(this, hook);
    }

    /** Unregisters a hook that {@link #registerPostAccumulateGradHook} registered. */
    @FunctionalInterface
    interface HookHandle {
        /** Removes the hook; later backward passes do not run it. Removing twice does nothing more. */
        void remove();
    }

    /** @return true for tensors not made by a recorded operation */
    boolean isLeaf();

    /** @return the name of the creating node, such as {@code MulBackward}, or null for a leaf */
    String gradFn();

    /** @return a tensor sharing this one's storage, outside the graph */
    Tensor detach();

    /** Backpropagates from this scalar; the graph is freed afterwards. */
    default void backward() {
        backward(null, false, false);
    }

    /** @param gradient d(something)/d(this), of this tensor's shape; required for non-scalars */
    default void backward(Tensor gradient) {
        backward(gradient, false, false);
    }

    /**
     * @param gradient    d(something)/d(this), or null for a scalar
     * @param retainGraph keep the graph for another backward
     */
    default void backward(Tensor gradient, boolean retainGraph) {
        backward(gradient, retainGraph, false);
    }

    /**
     * As PyTorch's {@code backward(gradient, retain_graph, create_graph)}.
     *
     * @param gradient    d(something)/d(this), or null for a scalar
     * @param retainGraph keep the graph for another backward
     * @param createGraph record the backward pass itself, so the gradients in {@link #grad()} can be
     *                    differentiated again (a second derivative); the graph is then kept whatever
     *                    {@code retainGraph} says, because the recorded gradients still read its saved
     *                    tensors (PyTorch frees it on an explicit {@code retain_graph=False})
     */
    default void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        engine().backward(this, gradient, retainGraph, createGraph);
    }

    /** @return the number of in-place changes made to this tensor's storage so far */
    long version();

    // ---------------------------------------------------------------- in place (not recorded)

    /**
     * @param other a broadcastable tensor
     * @return this, after this += other
     */
    default Tensor addInPlace(Tensor other) {
        return inPlace(Op.ADD_IN_PLACE, Attrs.EMPTY, other);
    }

    /**
     * @param value a scalar
     * @return this, after this += value
     */
    default Tensor addInPlace(double value) {
        return inPlace(Op.ADD_SCALAR_IN_PLACE, Attrs.of("value", value), null);
    }

    /**
     * @param other a broadcastable tensor
     * @return this, after this -= other
     */
    default Tensor subInPlace(Tensor other) {
        return inPlace(Op.SUB_IN_PLACE, Attrs.EMPTY, other);
    }

    /**
     * @param other a broadcastable tensor
     * @return this, after this *= other
     */
    default Tensor mulInPlace(Tensor other) {
        return inPlace(Op.MUL_IN_PLACE, Attrs.EMPTY, other);
    }

    /**
     * @param value a scalar
     * @return this, after this *= value
     */
    default Tensor mulInPlace(double value) {
        return inPlace(Op.MUL_SCALAR_IN_PLACE, Attrs.of("value", value), null);
    }

    /**
     * @param value the value
     * @return this, with every element set to it
     */
    default Tensor fill(double value) {
        return inPlace(Op.FILL, Attrs.of("value", value), null);
    }

    /** @return this, with every element set to 0 */
    default Tensor zero() {
        return fill(0);
    }

    /**
     * @param source a broadcastable tensor
     * @return this, with source's values copied in
     */
    default Tensor copyFrom(Tensor source) {
        return inPlace(Op.COPY_IN_PLACE, Attrs.EMPTY, source);
    }

    // ---------------------------------------------------------------- reading values

    /** @return the single element of a one-element tensor */
    default double item() {
        if (numel() != 1) {
            throw new InvalidArgumentException("item() needs a tensor with exactly one element, but this one has shape "
                    + shape() + " (" + numel() + " elements)"
                    + (numel() == 0 ? "; it is empty" : "; reduce it first, e.g. with sum() or mean()"));
        }
        return toDoubleArray()[0];
    }

    /** @return the elements, row-major, as floats */
    default float[] toFloatArray() {
        double[] d = toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** @return the elements, row-major, as doubles */
    double[] toDoubleArray();

    /** @return the elements, row-major, as longs (floats are truncated) */
    long[] toLongArray();

    // ---------------------------------------------------------------- plumbing

    /** The engine of the first tensor, so a tensor's operations stay on the engine that made it. */
    private static TensorEngine engineOf(Tensor... tensors) {
        return tensors.length > 0 && tensors[0] != null ? tensors[0].engine() : TensorEngine.get();
    }

    private Tensor call(Op op, Attrs attrs) {
        return engine().apply(op, attrs, this);
    }

    private Tensor call(Op op, Attrs attrs, Tensor other) {
        return engine().apply(op, attrs, this, other);
    }

    private Tensor inPlace(Op op, Attrs attrs, Tensor other) {
        if (other == null) {
            engine().apply(op, attrs, this);
        } else {
            engine().apply(op, attrs, this, other);
        }
        return this;
    }

    private int[] allAxes() {
        int[] axes = new int[dim()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }
}
