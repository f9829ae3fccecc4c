package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.NUMBER;
import static org.myelin.api.OpSchema.Attr.STRING;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/**
 * The elementwise operators, one declaration each: the kernel that computes it and its local
 * gradient beside it. Binary gradients have the broadcast shape; the engine sums them back.
 */
final class Elementwise {
    private Elementwise() {}

    /** The gradient of a function of one tensor from the output's gradient and x (or y, as declared). */
    @FunctionalInterface
    interface Local {
        Tensor of(Tensor g, Tensor saved);
    }

    /** The gradients of a function of two tensors; each is computed only when its input needs one. */
    @FunctionalInterface
    interface Pair {
        Tensor of(int input, Tensor g, Tensor a, Tensor b);
    }

    /** The gradient of a function of a tensor and the number {@code value}. */
    @FunctionalInterface
    interface WithValue {
        Tensor of(Tensor g, Tensor x, double value);
    }

    static final boolean INPUT = false;
    static final boolean OUTPUT = true;
    static final Declared.Backward NO_GRADIENT = (ctx, g) -> new Tensor[ctx.inputCount()];

    static List<Operator> all() {
        return List.of(
                unary(Op.NEG, UnaryOp.NEG, INPUT, (g, x) -> g.neg()),
                unary(Op.EXP, UnaryOp.EXP, OUTPUT, (g, y) -> g.mul(y)),
                unary(Op.LOG, UnaryOp.LOG, INPUT, (g, x) -> g.div(x)),
                unary(Op.LOG1P, UnaryOp.LOG1P, INPUT, (g, x) -> g.div(x.add(1))),
                unary(Op.SQRT, UnaryOp.SQRT, OUTPUT, (g, y) -> g.div(y.mul(2))),
                unary(Op.RECIPROCAL, UnaryOp.RECIPROCAL, OUTPUT, (g, y) -> g.mul(y.square()).neg()),
                unary(Op.ABS, UnaryOp.ABS, INPUT, (g, x) -> g.mul(x.sign())),
                unary(Op.SIGN, UnaryOp.SIGN, INPUT, (g, x) -> g.mul(0)),
                unary(Op.SQUARE, UnaryOp.SQUARE, INPUT, (g, x) -> g.mul(x).mul(2)),
                // s(1 - s) is at most 1/4, which is why deep sigmoid nets learn slowly.
                unary(Op.SIGMOID, UnaryOp.SIGMOID, OUTPUT, (g, s) -> g.mul(s.mul(s.rsub(1)))),
                unary(Op.TANH, UnaryOp.TANH, OUTPUT, (g, t) -> g.mul(t.square().rsub(1))),
                unary(Op.RELU, UnaryOp.RELU, OUTPUT, (g, y) -> g.mul(y.gt(0))),
                unary(Op.SOFTPLUS, UnaryOp.SOFTPLUS, INPUT, (g, x) -> g.mul(x.sigmoid())),
                define(schema(Op.LEAKY_RELU).floating(0).attr("slope", NUMBER, 0.01), (k, in) -> {
                    double slope = k.attrs().getDouble("slope");
                    k.saveForBackward(in[0]);
                    return in[0].relu().add(in[0].neg().relu().mul(-slope));
                }, (ctx, g) -> {
                    double slope = ctx.attrs().getDouble("slope");
                    return new Tensor[] {g.mul(ctx.saved(0).gt(0).mul(1 - slope).add(slope))};
                }),

                scalar(Op.ADD_SCALAR, BinaryOp.ADD, (g, x, v) -> g),
                scalar(Op.MUL_SCALAR, BinaryOp.MUL, (g, x, v) -> g.mul(v)),
                scalar(Op.DIV_SCALAR, BinaryOp.DIV, (g, x, v) -> g.div(v)),
                scalar(Op.POW_SCALAR, BinaryOp.POW, (g, x, v) -> v == 0 ? g.mul(0) : g.mul(x.pow(v - 1).mul(v))),
                define(schema(Op.RSUB_SCALAR).floating(0).attr("value", NUMBER), (k, in) -> {
                    Tensor out = k.allocate(in[0].dtype(), in[0].shape());
                    k.kernels().unary(UnaryOp.NEG, k.strided(in[0]), k.strided(out));
                    Strided o = k.strided(out);
                    k.kernels().binaryScalar(BinaryOp.ADD, o, k.attrs().getDouble("value"), o);
                    return out;
                }, (ctx, g) -> new Tensor[] {g.neg()}),
                // The gradient passes where min <= x <= max, as in PyTorch.
                define(schema(Op.CLAMP).floating(0).attr("min", NUMBER).attr("max", NUMBER), (k, in) -> {
                    Tensor out = k.allocate(in[0].dtype(), in[0].shape());
                    Strided o = k.strided(out);
                    k.kernels().binaryScalar(BinaryOp.MAXIMUM, k.strided(in[0]), k.attrs().getDouble("min"), o);
                    k.kernels().binaryScalar(BinaryOp.MINIMUM, o, k.attrs().getDouble("max"), o);
                    k.saveForBackward(in[0]);
                    return out;
                }, (ctx, g) -> {
                    Tensor x = ctx.saved(0);
                    Tensor inside = x.lt(ctx.attrs().getDouble("min")).add(x.gt(ctx.attrs().getDouble("max"))).rsub(1);
                    return new Tensor[] {g.mul(inside)};
                }),

                binary(Op.ADD, BinaryOp.ADD, false, (i, g, a, b) -> g),
                binary(Op.SUB, BinaryOp.SUB, false, (i, g, a, b) -> i == 0 ? g : g.neg()),
                binary(Op.MUL, BinaryOp.MUL, true, (i, g, a, b) -> g.mul(i == 0 ? b : a)),
                binary(Op.DIV, BinaryOp.DIV, true, (i, g, a, b) -> i == 0 ? g.div(b) : g.mul(a).div(b.square()).neg()),
                // d/db a^b = a^b ln a, taken as 0 where a == 0, as PyTorch does.
                binary(Op.POW, BinaryOp.POW, true, (i, g, a, b) -> i == 0 ? g.mul(b).mul(a.pow(b.sub(1)))
                        : g.mul(a.pow(b)).mul(Tensor.where(a.eq(a.newZeros()), a.newZeros(), a.log()))),
                // The gradient goes to the chosen side, split evenly on ties.
                binary(Op.MAXIMUM, BinaryOp.MAXIMUM, true, (i, g, a, b) -> g.mul(share(i, a.gt(b), a, b))),
                binary(Op.MINIMUM, BinaryOp.MINIMUM, true, (i, g, a, b) -> g.mul(share(i, a.lt(b), a, b))),

                // 1 or 0 in the inputs' floating type (FLOAT32 for integers), so it can be summed or multiplied.
                define(schema(Op.COMPARE).inputs(2).attr("op", STRING), (k, in) -> {
                    CompareOp kind = CompareOp.valueOf(k.attrs().getString("op"));
                    DType common = DType.promote(in[0].dtype(), in[1].dtype());
                    Tensor a = in[0].dtype() == common ? in[0] : in[0].to(common);
                    Tensor b = in[1].dtype() == common ? in[1] : in[1].to(common);
                    Shape shape = Shape.broadcast(k.operator() + " " + kind, a.shape(), b.shape());
                    Tensor out = k.allocate(common.isFloatingPoint() ? common : DType.FLOAT32, shape);
                    k.kernels().compare(kind, k.strided(a, shape), k.strided(b, shape), k.strided(out));
                    return out;
                }, NO_GRADIENT),
                define(schema(Op.WHERE).inputs(3).promoted(1, 2), (k, in) -> {
                    Shape shape = Shape.broadcast(k.operator(), Shape.broadcast(k.operator(), in[0].shape(), in[1].shape()),
                            in[2].shape());
                    Tensor out = k.allocate(in[1].dtype(), shape);
                    k.kernels().where(k.strided(in[0], shape), k.strided(in[1], shape), k.strided(in[2], shape),
                            k.strided(out));
                    k.saveForBackward(in[0]);
                    return out;
                }, (ctx, g) -> {
                    Tensor cond = ctx.saved(0);
                    return new Tensor[] {null,
                        ctx.needsInputGrad(1) ? Tensor.where(cond, g, g.newZeros()) : null,
                        ctx.needsInputGrad(2) ? Tensor.where(cond, g.newZeros(), g) : null};
                }),

                inPlace(Op.ADD_IN_PLACE, "addInPlace", BinaryOp.ADD),
                inPlace(Op.SUB_IN_PLACE, "subInPlace", BinaryOp.SUB),
                inPlace(Op.MUL_IN_PLACE, "mulInPlace", BinaryOp.MUL),
                inPlaceScalar(Op.ADD_SCALAR_IN_PLACE, "addInPlace", BinaryOp.ADD),
                inPlaceScalar(Op.MUL_SCALAR_IN_PLACE, "mulInPlace", BinaryOp.MUL),
                define(schema(Op.FILL).mutates(0).title("fill").attr("value", NUMBER), (k, in) -> {
                    k.kernels().fill(k.strided(in[0]), k.attrs().getDouble("value"));
                    return in[0];
                }, null),
                define(schema(Op.COPY_IN_PLACE).inputs(2).mutates(0).title("copyFrom"), (k, in) -> {
                    k.kernels().copy(k.strided(in[1], in[0].shape()), k.strided(in[0]));
                    return in[0];
                }, null));
    }

    private static Tensor share(int input, Tensor aWins, Tensor a, Tensor b) {
        Tensor wa = aWins.add(a.eq(b).mul(0.5));
        return input == 0 ? wa : wa.rsub(1);
    }

    static Operator unary(Op op, UnaryOp kernel, boolean savesOutput, Local gradient) {
        return define(schema(op).floating(0), (k, in) -> {
            Tensor out = k.allocate(in[0].dtype(), in[0].shape());
            k.kernels().unary(kernel, k.strided(in[0]), k.strided(out));
            k.saveForBackward(savesOutput ? out : in[0]);
            return out;
        }, (ctx, g) -> new Tensor[] {gradient.of(g, ctx.saved(0))});
    }

    static Operator scalar(Op op, BinaryOp kernel, WithValue gradient) {
        return define(schema(op).floating(0).attr("value", NUMBER), (k, in) -> {
            Tensor out = k.allocate(in[0].dtype(), in[0].shape());
            k.kernels().binaryScalar(kernel, k.strided(in[0]), k.attrs().getDouble("value"), k.strided(out));
            k.saveForBackward(in[0]);
            return out;
        }, (ctx, g) -> new Tensor[] {gradient.of(g, ctx.saved(0), ctx.attrs().getDouble("value"))});
    }

    static Operator binary(Op op, BinaryOp kernel, boolean savesInputs, Pair gradient) {
        return define(schema(op).inputs(2).floating(0, 1), (k, in) -> {
            Shape shape = Shape.broadcast(k.operator(), in[0].shape(), in[1].shape());
            Tensor out = k.allocate(in[0].dtype(), shape);
            k.kernels().binary(kernel, k.strided(in[0], shape), k.strided(in[1], shape), k.strided(out));
            if (savesInputs) {
                k.saveForBackward(in[0], in[1]);
            }
            return out;
        }, (ctx, g) -> {
            Tensor a = savesInputs ? ctx.saved(0) : null;
            Tensor b = savesInputs ? ctx.saved(1) : null;
            return new Tensor[] {ctx.needsInputGrad(0) ? gradient.of(0, g, a, b) : null,
                ctx.needsInputGrad(1) ? gradient.of(1, g, a, b) : null};
        });
    }

    /** this = this (op) other, other converted to this tensor's type and broadcast to its shape. */
    private static Operator inPlace(Op op, String method, BinaryOp kernel) {
        return define(schema(op).inputs(2).mutates(0).title(method), (k, in) -> {
            Tensor other = in[1].dtype() == in[0].dtype() ? in[1] : in[1].to(in[0].dtype());
            Strided self = k.strided(in[0]);
            k.kernels().binary(kernel, self, k.strided(other, in[0].shape()), self);
            return in[0];
        }, null);
    }

    private static Operator inPlaceScalar(Op op, String method, BinaryOp kernel) {
        return define(schema(op).mutates(0).title(method).attr("value", NUMBER), (k, in) -> {
            Strided self = k.strided(in[0]);
            k.kernels().binaryScalar(kernel, self, k.attrs().getDouble("value"), self);
            return in[0];
        }, null);
    }
}
