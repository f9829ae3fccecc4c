package org.myelin.autograd;

import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.Attrs;

/**
 * Tensor's operations, each a call of a named operator through the engine, so built-in ops and
 * plugins go through the same dispatch and the same graph recording.
 */
abstract class TensorMethods implements Tensor {

    private static Tensor op(String name, Attrs attrs, Tensor... inputs) {
        return MyelinEngine.instance().apply(name, attrs, inputs);
    }

    private Tensor op(String name, Tensor... others) {
        Tensor[] in = new Tensor[others.length + 1];
        in[0] = this;
        System.arraycopy(others, 0, in, 1, others.length);
        return op(name, Attrs.EMPTY, in);
    }

    private Tensor scalarOp(String name, double value) {
        return op(name, Attrs.of("value", value), this);
    }

    @Override public Tensor add(Tensor other) { return op("add", other); }
    @Override public Tensor add(double value) { return scalarOp("add_scalar", value); }
    @Override public Tensor sub(Tensor other) { return op("sub", other); }
    @Override public Tensor sub(double value) { return scalarOp("add_scalar", -value); }
    @Override public Tensor mul(Tensor other) { return op("mul", other); }
    @Override public Tensor mul(double value) { return scalarOp("mul_scalar", value); }
    @Override public Tensor div(Tensor other) { return op("div", other); }
    @Override public Tensor div(double value) { return scalarOp("div_scalar", value); }
    @Override public Tensor rsub(double value) { return scalarOp("rsub_scalar", value); }
    @Override public Tensor pow(double exponent) { return scalarOp("pow_scalar", exponent); }
    @Override public Tensor pow(Tensor exponent) { return op("pow", exponent); }
    @Override public Tensor maximum(Tensor other) { return op("maximum", other); }
    @Override public Tensor minimum(Tensor other) { return op("minimum", other); }

    @Override
    public Tensor clamp(double min, double max) {
        return op("clamp", Attrs.of("min", min, "max", max), this);
    }

    @Override public Tensor neg() { return op("neg"); }
    @Override public Tensor exp() { return op("exp"); }
    @Override public Tensor log() { return op("log"); }
    @Override public Tensor sqrt() { return op("sqrt"); }
    @Override public Tensor reciprocal() { return op("reciprocal"); }
    @Override public Tensor abs() { return op("abs"); }
    @Override public Tensor square() { return op("square"); }
    @Override public Tensor sigmoid() { return op("sigmoid"); }
    @Override public Tensor tanh() { return op("tanh"); }
    @Override public Tensor relu() { return op("relu"); }
    @Override public Tensor softplus() { return op("softplus"); }

    @Override
    public Tensor leakyRelu(double slope) {
        return op("leaky_relu", Attrs.of("slope", slope), this);
    }

    private Tensor compare(String kind, Tensor other) {
        return op("compare", Attrs.of("op", kind), this, other);
    }

    private Tensor scalarLike(double value) {
        return MyelinEngine.instance().full(dtype(), Shape.scalar(), value, device());
    }

    @Override public Tensor eq(Tensor other) { return compare("EQ", other); }
    @Override public Tensor gt(Tensor other) { return compare("GT", other); }
    @Override public Tensor lt(Tensor other) { return compare("LT", other); }
    @Override public Tensor gt(double value) { return compare("GT", scalarLike(value)); }
    @Override public Tensor lt(double value) { return compare("LT", scalarLike(value)); }

    @Override
    public Tensor matmul(Tensor other) {
        if (dim() == 0 || other.dim() == 0) {
            throw new ShapeMismatchException("matmul: both operands need at least one dimension, got shapes "
                    + shape() + " and " + other.shape() + "; use mul() for scalars");
        }
        Tensor a = dim() == 1 ? unsqueeze(0) : this;
        Tensor b = other.dim() == 1 ? other.unsqueeze(1) : other;
        Tensor out = op("matmul", Attrs.EMPTY, a, b);
        if (other.dim() == 1) {
            out = out.squeeze(-1);
        }
        if (dim() == 1) {
            out = out.squeeze(-2 + (other.dim() == 1 ? 1 : 0));
        }
        return out;
    }

    @Override
    public Tensor t() {
        if (dim() > 2) {
            throw new InvalidArgumentException("t() expects a tensor of at most 2 dimensions, got shape " + shape()
                    + "; use transpose(axis0, axis1)");
        }
        return dim() < 2 ? this : transpose(0, 1);
    }

    @Override
    public Tensor transpose(int axis0, int axis1) {
        return op("transpose", Attrs.of("axis0", axis0, "axis1", axis1), this);
    }

    @Override
    public Tensor reshape(long... newShape) {
        return op("reshape", Attrs.of("shape", newShape.clone(), "view", false), this);
    }

    @Override
    public Tensor view(long... newShape) {
        return op("reshape", Attrs.of("shape", newShape.clone(), "view", true), this);
    }

    @Override
    public Tensor slice(int axis, long start, long end) {
        return op("slice", Attrs.of("axis", axis, "start", start, "end", end), this);
    }

    @Override
    public Tensor expand(long... newShape) {
        return op("expand", Attrs.of("shape", newShape.clone()), this);
    }

    @Override
    public Tensor unsqueeze(int axis) {
        int rank = dim();
        int a = Shape.normalizeAxis(axis, rank + 1);
        long[] dims = new long[rank + 1];
        long[] old = shape().toArray();
        for (int i = 0, j = 0; i <= rank; i++) {
            dims[i] = i == a ? 1 : old[j++];
        }
        return reshape(dims);
    }

    @Override
    public Tensor squeeze(int axis) {
        int a = shape().normalizeAxis(axis);
        if (shape().size(a) != 1) {
            return this;
        }
        long[] old = shape().toArray();
        long[] dims = new long[old.length - 1];
        for (int i = 0, j = 0; i < old.length; i++) {
            if (i != a) {
                dims[j++] = old[i];
            }
        }
        return reshape(dims);
    }

    @Override
    public Tensor flatten(int startAxis) {
        if (dim() == 0) {
            return reshape(1);
        }
        int s = shape().normalizeAxis(startAxis);
        long[] dims = new long[s + 1];
        for (int i = 0; i < s; i++) {
            dims[i] = shape().size(i);
        }
        dims[s] = -1;
        if (numel() == 0) {
            long rest = 1;
            for (int i = s; i < dim(); i++) {
                rest *= shape().size(i);
            }
            dims[s] = rest;
        }
        return reshape(dims);
    }

    @Override
    public Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    @Override public Tensor copy() { return op("copy"); }

    @Override
    public Tensor gather(int axis, Tensor index) {
        return op("gather", Attrs.of("axis", axis), this, index);
    }

    private int[] allAxes() {
        int[] axes = new int[dim()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    @Override public Tensor sum() { return sum(allAxes(), false); }

    @Override
    public Tensor sum(int axis, boolean keepDim) {
        return sum(new int[] {axis}, keepDim);
    }

    @Override
    public Tensor sum(int[] axes, boolean keepDim) {
        return op("sum", Attrs.of("axes", axes.clone(), "keepDim", keepDim), this);
    }

    @Override
    public Tensor mean() {
        return op("mean", Attrs.of("axes", allAxes(), "keepDim", false), this);
    }

    @Override
    public Tensor mean(int axis, boolean keepDim) {
        return op("mean", Attrs.of("axes", new int[] {axis}, "keepDim", keepDim), this);
    }

    @Override
    public Tensor max() {
        return op("max", Attrs.EMPTY, this);
    }

    @Override
    public Tensor max(int axis, boolean keepDim) {
        return op("max", Attrs.of("axis", axis, "keepDim", keepDim), this);
    }

    @Override
    public Tensor argmax() {
        return reshape(-1).argmax(0);
    }

    @Override
    public Tensor argmax(int axis) {
        return op("argmax", Attrs.of("axis", axis), this);
    }

    @Override
    public Tensor softmax(int axis) {
        return op("softmax", Attrs.of("axis", axis), this);
    }

    @Override
    public Tensor logSoftmax(int axis) {
        return op("log_softmax", Attrs.of("axis", axis), this);
    }

    @Override
    public Tensor logSumExp(int axis) {
        return op("logsumexp", Attrs.of("axis", axis), this);
    }

    @Override
    public Tensor to(Device device) {
        return device.equals(device()) ? this : op("to_device", Attrs.of("device", device.toString()), this);
    }

    @Override
    public Tensor to(DType dtype) {
        return dtype == dtype() ? this : op("to_dtype", Attrs.of("dtype", dtype.name()), this);
    }
}
