package org.myelin.api;

import java.util.List;
import org.myelin.api.Attrs;
import org.myelin.api.spi.TensorEngine;

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

    /** @param seed the seed of the counter-based generator behind rand, randn and dropout */
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
        return TensorEngine.get().apply(operator, Attrs.EMPTY, inputs);
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
        return TensorEngine.get().apply(operator, attrs, inputs);
    }

    /**
     * Runs a user's own operator object, with no registration needed.
     *
     * @param operator the operator, with its forward and backward
     * @param inputs   its inputs
     * @return its output, recorded in the graph when grad mode is on
     */
    static Tensor apply(org.myelin.api.Operator operator, Tensor... inputs) {
        return TensorEngine.get().apply(operator, Attrs.EMPTY, inputs);
    }

    /**
     * Joins tensors along an axis; all other sizes must match.
     *
     * @param axis    the axis to join along
     * @param tensors the tensors
     * @return the joined tensor
     */
    static Tensor cat(int axis, Tensor... tensors) {
        return TensorEngine.get().apply("cat", Attrs.of("axis", axis), tensors);
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
     * Picks from {@code a} where {@code condition} is non-zero, else from {@code b}; all three broadcast.
     *
     * @param condition the choice
     * @param a         where true
     * @param b         where false
     * @return the chosen values
     */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return TensorEngine.get().apply("where", Attrs.EMPTY, condition, a, b);
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

    // ---------------------------------------------------------------- arithmetic

    /**
     * @param other a tensor that broadcasts with this one
     * @return this + other
     */
    Tensor add(Tensor other);

    /**
     * @param value a scalar
     * @return this + value
     */
    Tensor add(double value);

    /**
     * @param other a tensor that broadcasts with this one
     * @return this - other
     */
    Tensor sub(Tensor other);

    /**
     * @param value a scalar
     * @return this - value
     */
    Tensor sub(double value);

    /**
     * @param other a tensor that broadcasts with this one
     * @return this * other, elementwise
     */
    Tensor mul(Tensor other);

    /**
     * @param value a scalar
     * @return this * value
     */
    Tensor mul(double value);

    /**
     * @param other a tensor that broadcasts with this one
     * @return this / other, elementwise
     */
    Tensor div(Tensor other);

    /**
     * @param value a scalar
     * @return this / value
     */
    Tensor div(double value);

    /**
     * @param value a scalar
     * @return value - this
     */
    Tensor rsub(double value);

    /**
     * @param exponent a scalar
     * @return this raised elementwise to the exponent
     */
    Tensor pow(double exponent);

    /**
     * @param exponent a tensor that broadcasts with this one
     * @return this raised to it, elementwise
     */
    Tensor pow(Tensor exponent);

    /**
     * @param other a tensor that broadcasts with this one
     * @return the elementwise maximum
     */
    Tensor maximum(Tensor other);

    /**
     * @param other a tensor that broadcasts with this one
     * @return the elementwise minimum
     */
    Tensor minimum(Tensor other);

    /**
     * @param min the lower bound
     * @param max the upper bound
     * @return the values clamped into [min, max]
     */
    Tensor clamp(double min, double max);

    /** @return -this */
    Tensor neg();

    /** @return e to the power of each element */
    Tensor exp();

    /** @return the natural logarithm of each element */
    Tensor log();

    /** @return the square root of each element */
    Tensor sqrt();

    /** @return 1 / each element */
    Tensor reciprocal();

    /** @return the absolute value of each element */
    Tensor abs();

    /** @return each element squared */
    Tensor square();

    /** @return 1 / (1 + exp(-x)) of each element */
    Tensor sigmoid();

    /** @return the hyperbolic tangent of each element */
    Tensor tanh();

    /** @return max(x, 0) of each element */
    Tensor relu();

    /**
     * @param slope the slope for negative inputs
     * @return x for x &gt; 0, else slope * x
     */
    Tensor leakyRelu(double slope);

    /** @return log(1 + exp(x)) of each element, computed stably */
    Tensor softplus();

    // ---------------------------------------------------------------- comparison (no gradient)

    /**
     * @param other a broadcastable tensor
     * @return 1 where equal, else 0, in this tensor's type
     */
    Tensor eq(Tensor other);

    /**
     * @param other a broadcastable tensor
     * @return 1 where this &gt; other, else 0
     */
    Tensor gt(Tensor other);

    /**
     * @param other a broadcastable tensor
     * @return 1 where this &lt; other, else 0
     */
    Tensor lt(Tensor other);

    /**
     * @param value a scalar
     * @return 1 where this &gt; value, else 0
     */
    Tensor gt(double value);

    /**
     * @param value a scalar
     * @return 1 where this &lt; value, else 0
     */
    Tensor lt(double value);

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with PyTorch's rules: 1-d operands are promoted to matrices and back, and
     * batch dimensions broadcast.
     *
     * @param other the right operand
     * @return this @ other
     */
    Tensor matmul(Tensor other);

    /** @return the transpose of a matrix (a view); a 1-d tensor is returned unchanged */
    Tensor t();

    /**
     * @param axis0 one axis
     * @param axis1 another
     * @return a view with the two axes swapped
     */
    Tensor transpose(int axis0, int axis1);

    // ---------------------------------------------------------------- shape

    /**
     * @param shape the new sizes; one may be -1 to be inferred
     * @return a view where possible, else a copy
     */
    Tensor reshape(long... shape);

    /**
     * @param shape the new sizes; one may be -1
     * @return a view sharing storage; fails on an incompatible layout
     */
    Tensor view(long... shape);

    /**
     * @param axis  the axis to cut
     * @param start the first index, negative from the end
     * @param end   the exclusive end, clamped to the size
     * @return a view of the elements start..end-1 along the axis
     */
    Tensor slice(int axis, long start, long end);

    /**
     * @param shape the target sizes; -1 keeps a size
     * @return a broadcast view with stride 0 in new dimensions
     */
    Tensor expand(long... shape);

    /**
     * @param axis where to insert
     * @return a view with a new axis of size 1
     */
    Tensor unsqueeze(int axis);

    /**
     * @param axis an axis of size 1
     * @return a view without it
     */
    Tensor squeeze(int axis);

    /**
     * @param startAxis the first axis to merge
     * @return a view (or copy) merging axes startAxis..end into one
     */
    Tensor flatten(int startAxis);

    /** @return this tensor when contiguous, else a contiguous copy */
    Tensor contiguous();

    /** @return a copy that owns its storage and stays in the graph */
    Tensor copy();

    /**
     * @param axis  the axis to index along
     * @param index an INT64 tensor of the output's shape
     * @return out[i][j] = this[index[i][j]][j] for axis 0 (and so on), as torch.gather
     */
    Tensor gather(int axis, Tensor index);

    // ---------------------------------------------------------------- reductions

    /** @return the sum of all elements, a scalar */
    Tensor sum();

    /**
     * @param axis the axis to sum over
     * @param keepDim keep it with size 1
     * @return the sums
     */
    Tensor sum(int axis, boolean keepDim);

    /**
     * @param axes the axes to sum over
     * @param keepDim keep them with size 1
     * @return the sums
     */
    Tensor sum(int[] axes, boolean keepDim);

    /** @return the mean of all elements */
    Tensor mean();

    /**
     * @param axis the axis
     * @param keepDim keep it with size 1
     * @return the means
     */
    Tensor mean(int axis, boolean keepDim);

    /** @return the largest element */
    Tensor max();

    /**
     * @param axis the axis
     * @param keepDim keep it with size 1
     * @return the largest values along the axis
     */
    Tensor max(int axis, boolean keepDim);

    /** @return the index of the largest element of the flattened tensor, an INT64 scalar */
    Tensor argmax();

    /**
     * @param axis the axis
     * @return the indices of the largest values along the axis, INT64
     */
    Tensor argmax(int axis);

    /**
     * @param axis the axis
     * @return softmax along the axis
     */
    Tensor softmax(int axis);

    /**
     * @param axis the axis
     * @return log of softmax along the axis, computed stably
     */
    Tensor logSoftmax(int axis);

    /**
     * @param axis the axis
     * @return log(sum(exp(x))) along the axis, computed stably, axis removed
     */
    Tensor logSumExp(int axis);

    // ---------------------------------------------------------------- devices and types

    /**
     * @param device the target device
     * @return this tensor there (this one when already there)
     */
    Tensor to(Device device);

    /**
     * @param dtype the target type
     * @return this tensor converted (this one when already that type)
     */
    Tensor to(DType dtype);

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

    /** @return true for tensors not made by a recorded operation */
    boolean isLeaf();

    /** @return the name of the creating node, such as {@code MulBackward}, or null for a leaf */
    String gradFn();

    /** @return a tensor sharing this one's storage, outside the graph */
    Tensor detach();

    /** Backpropagates from this scalar; the graph is freed afterwards. */
    void backward();

    /** @param gradient d(something)/d(this), of this tensor's shape; required for non-scalars */
    void backward(Tensor gradient);

    /**
     * @param gradient    d(something)/d(this), or null for a scalar
     * @param retainGraph keep the graph for another backward
     */
    void backward(Tensor gradient, boolean retainGraph);

    /** @return the number of in-place changes made to this tensor's storage so far */
    long version();

    // ---------------------------------------------------------------- in place (not recorded)

    /**
     * @param other a broadcastable tensor
     * @return this, after this += other
     */
    Tensor addInPlace(Tensor other);

    /**
     * @param value a scalar
     * @return this, after this += value
     */
    Tensor addInPlace(double value);

    /**
     * @param other a broadcastable tensor
     * @return this, after this -= other
     */
    Tensor subInPlace(Tensor other);

    /**
     * @param other a broadcastable tensor
     * @return this, after this *= other
     */
    Tensor mulInPlace(Tensor other);

    /**
     * @param value a scalar
     * @return this, after this *= value
     */
    Tensor mulInPlace(double value);

    /**
     * @param value the value
     * @return this, with every element set to it
     */
    Tensor fill(double value);

    /** @return this, with every element set to 0 */
    default Tensor zero() {
        return fill(0);
    }

    /**
     * @param source a broadcastable tensor
     * @return this, with source's values copied in
     */
    Tensor copyFrom(Tensor source);

    // ---------------------------------------------------------------- reading values

    /** @return the single element of a one-element tensor */
    double item();

    /** @return the elements, row-major, as floats */
    float[] toFloatArray();

    /** @return the elements, row-major, as doubles */
    double[] toDoubleArray();

    /** @return the elements, row-major, as longs (floats are truncated) */
    long[] toLongArray();
}
