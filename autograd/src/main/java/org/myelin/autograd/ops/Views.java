package org.myelin.autograd.ops;

import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.OpContext;
import org.myelin.autograd.Internals;

/** Operators that return views sharing their input's storage, and the copy that makes one contiguous. */
public final class Views {
    private Views() {}

    /**
     * New sizes for the same elements (attribute {@code shape}, one size may be -1). With
     * {@code view=true} it must share storage; otherwise it copies when no view can.
     */
    public static final class Reshape extends NamedOperator {
        /** Creates the operator. */
        public Reshape() {
            super("reshape");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = in[0];
            boolean mustView = ctx.attrs().getBoolean("view", false);
            String op = mustView ? "view" : "reshape";
            long[] dims = Internals.inferShape(op, x.shape(), ctx.attrs().getLongs("shape"));
            long[] strides = Internals.viewStrides(x.shape().toArray(), Internals.strides(x), dims);
            if (strides == null) {
                if (mustView) {
                    throw new ShapeMismatchException("view: a tensor of shape " + x.shape() + " with strides "
                            + java.util.Arrays.toString(Internals.strides(x)) + " cannot be viewed as "
                            + java.util.Arrays.toString(dims) + " without a copy; use reshape() or contiguous().view()");
                }
                Tensor c = x.copy();
                return Internals.view(c, 0, Shape.of(dims), org.myelin.api.spi.Strided.rowMajorStrides(dims));
            }
            return Internals.view(x, Internals.offset(x), Shape.of(dims), strides);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g.reshape(ctx.inputShape(0).toArray())};
        }
    }

    /** Swaps two axes (attributes {@code axis0}, {@code axis1}): a view with swapped strides. */
    public static final class Transpose extends NamedOperator {
        /** Creates the operator. */
        public Transpose() {
            super("transpose");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = in[0];
            int a = OpSupport.axis(ctx, x, "axis0");
            int b = OpSupport.axis(ctx, x, "axis1");
            long[] dims = x.shape().toArray();
            long[] strides = Internals.strides(x);
            swap(dims, a, b);
            swap(strides, a, b);
            return Internals.view(x, Internals.offset(x), Shape.of(dims), strides);
        }

        private static void swap(long[] v, int i, int j) {
            long t = v[i];
            v[i] = v[j];
            v[j] = t;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g.transpose(ctx.attrs().getInt("axis0"), ctx.attrs().getInt("axis1"))};
        }
    }

    /** Elements start..end-1 along an axis (attributes {@code axis}, {@code start}, {@code end}): a view. */
    public static final class Slice extends NamedOperator {
        /** Creates the operator. */
        public Slice() {
            super("slice");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = in[0];
            int axis = OpSupport.axis(ctx, x, "axis");
            long size = x.shape().size(axis);
            long start = clamp(ctx.attrs().getLong("start"), size);
            long end = Math.max(start, clamp(ctx.attrs().getLong("end"), size));
            long[] dims = x.shape().toArray();
            long[] strides = Internals.strides(x);
            dims[axis] = end - start;
            ctx.put("start", start);
            ctx.put("axis", axis);
            return Internals.view(x, Internals.offset(x) + start * strides[axis], Shape.of(dims), strides);
        }

        private static long clamp(long index, long size) {
            long i = index < 0 ? index + size : index;
            return Math.max(0, Math.min(size, i));
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor full = ctx.allocate(g.dtype(), ctx.inputShape(0));
            int axis = (Integer) ctx.get("axis");
            long start = (Long) ctx.get("start");
            full.slice(axis, start, start + g.shape().size(axis)).copyFrom(g);
            return new Tensor[] {full};
        }
    }

    /** Broadcasts to a larger shape (attribute {@code shape}; -1 keeps a size): a view with stride 0. */
    public static final class Expand extends NamedOperator {
        /** Creates the operator. */
        public Expand() {
            super("expand");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = in[0];
            long[] dims = ctx.attrs().getLongs("shape");
            int shift = dims.length - x.dim();
            if (shift < 0) {
                throw new ShapeMismatchException("expand: cannot expand shape " + x.shape() + " to fewer dimensions "
                        + java.util.Arrays.toString(dims));
            }
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] == -1) {
                    if (i < shift) {
                        throw new ShapeMismatchException("expand: -1 is not allowed for a new leading axis in "
                                + java.util.Arrays.toString(dims));
                    }
                    dims[i] = x.shape().size(i - shift);
                }
            }
            Shape target = Shape.of(dims);
            long[] strides = Internals.broadcastStrides("expand", x.shape(), Internals.strides(x), target);
            return Internals.view(x, Internals.offset(x), target, strides);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g};
        }
    }

    /** A contiguous copy that stays in the graph. */
    public static final class Copy extends NamedOperator {
        /** Creates the operator. */
        public Copy() {
            super("copy");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor out = ctx.allocate(in[0].dtype(), in[0].shape());
            if (in[0].numel() > 0) {
                ctx.kernels().copy(ctx.strided(in[0]), ctx.strided(out));
            }
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g};
        }
    }

    /** A converted copy (attribute {@code dtype}); the gradient converts back. */
    public static final class ToDType extends NamedOperator {
        /** Creates the operator. */
        public ToDType() {
            super("to_dtype");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            org.myelin.api.DType target = org.myelin.api.DType.valueOf(ctx.attrs().getString("dtype"));
            Tensor out = ctx.allocate(target, in[0].shape());
            if (in[0].numel() > 0) {
                ctx.kernels().copy(ctx.strided(in[0]), ctx.strided(out));
            }
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {ctx.inputDType(0).isFloatingPoint() ? g.to(ctx.inputDType(0)) : null};
        }
    }

    /** A copy on another device (attribute {@code device}); the gradient moves back. */
    public static final class ToDevice extends NamedOperator {
        /** Creates the operator. */
        public ToDevice() {
            super("to_device");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            return Internals.transfer(in[0], org.myelin.api.Device.parse(ctx.attrs().getString("device")));
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g.to(ctx.device())};
        }
    }

    /** Joins tensors along an axis (attribute {@code axis}); the gradient is sliced apart again. */
    public static final class Cat extends NamedOperator {
        /** Creates the operator. */
        public Cat() {
            super("cat");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor first = in[0];
            int axis = OpSupport.axis(ctx, first, "axis");
            org.myelin.api.DType d = first.dtype();
            long total = 0;
            for (Tensor t : in) {
                if (t.dim() != first.dim()) {
                    throw new ShapeMismatchException("cat: all tensors need the same rank, got " + first.shape()
                            + " and " + t.shape());
                }
                for (int i = 0; i < t.dim(); i++) {
                    if (i != axis && t.shape().size(i) != first.shape().size(i)) {
                        throw new ShapeMismatchException("cat along axis " + axis + ": shapes " + first.shape() + " and "
                                + t.shape() + " differ at axis " + i + "; only the joined axis may differ");
                    }
                }
                d = org.myelin.api.DType.promote(d, t.dtype());
                total += t.shape().size(axis);
            }
            long[] dims = first.shape().toArray();
            dims[axis] = total;
            Tensor out = ctx.allocate(d, Shape.of(dims));
            long at = 0;
            for (Tensor t : in) {
                long n = t.shape().size(axis);
                if (n > 0 && t.numel() > 0) {
                    ctx.kernels().copy(ctx.strided(t), ctx.strided(out.slice(axis, at, at + n)));
                }
                at += n;
            }
            ctx.put("axis", axis);
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            int axis = (Integer) ctx.get("axis");
            int count = ctx.inputCount();
            Tensor[] grads = new Tensor[count];
            long at = 0;
            for (int i = 0; i < count; i++) {
                long n = ctx.inputShape(i).size(axis);
                grads[i] = ctx.needsInputGrad(i) ? g.slice(axis, at, at + n) : null;
                at += n;
            }
            return grads;
        }
    }

    /** torch.gather along an axis (attribute {@code axis}) with an INT64 index; the gradient scatters back. */
    public static final class Gather extends NamedOperator {
        /** Creates the operator. */
        public Gather() {
            super("gather");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = in[0];
            Tensor index = in[1];
            int axis = OpSupport.axis(ctx, x, "axis");
            if (index.dtype() != org.myelin.api.DType.INT64) {
                throw new InvalidArgumentException("gather: the index must be INT64, got " + index.dtype());
            }
            if (index.dim() != x.dim()) {
                throw new ShapeMismatchException("gather: index shape " + index.shape() + " must have the rank of the input "
                        + x.shape());
            }
            Tensor out = ctx.allocate(x.dtype(), index.shape());
            ctx.kernels().gather(ctx.strided(x), axis, ctx.strided(index), ctx.strided(out));
            ctx.saveForBackward(index);
            ctx.put("axis", axis);
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor full = ctx.allocate(g.dtype(), ctx.inputShape(0));
            ctx.kernels().scatterAdd(ctx.strided(full), (Integer) ctx.get("axis"), ctx.strided(ctx.saved(0)),
                    ctx.strided(g.contiguous()));
            return new Tensor[] {full, null};
        }
    }
}
