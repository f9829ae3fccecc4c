package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.BOOLEAN;
import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.api.OpSchema.Attr.NUMBER;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.List;
import org.myelin.api.Attrs;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.KernelContext;

/**
 * The optimizers' in-place updates, with PyTorch's semantics: the backend's fused kernel where it
 * has one ({@link FusedKernels}), else the same update in in-place tensor operations. Never
 * recorded; run them under {@code GradMode.noGrad()}.
 */
final class OptimizerSteps {
    private OptimizerSteps() {}

    static List<Operator> all() {
        return List.of(
                // Changes param and the momentum buffer.
                define(schema(Op.SGD_STEP).inputs(2, 3).usage("(param, grad) or (param, grad, momentumBuffer)")
                        .mutates(0, 2).attr("lr", NUMBER).attr("momentum", NUMBER, 0.0)
                        .attr("dampening", NUMBER, 0.0).attr("weightDecay", NUMBER, 0.0)
                        .attr("nesterov", BOOLEAN, false).attr("first", BOOLEAN, false), OptimizerSteps::sgd, null),
                // Changes param and both moments; AdamW when decoupled.
                define(schema(Op.ADAM_STEP).inputs(4).usage("(param, grad, m, v)").mutates(0, 2, 3)
                        .attr("lr", NUMBER).attr("beta1", NUMBER)
                        .attr("beta2", NUMBER).attr("eps", NUMBER).attr("weightDecay", NUMBER, 0.0)
                        .attr("decoupled", BOOLEAN, false).attr("step", INTEGER), OptimizerSteps::adam, null));
    }

    private static Tensor sgd(KernelContext k, Tensor[] in) {
        String op = k.operator();
        Tensor p = floatingParameter(op, in[0]);
        Attrs a = k.attrs();
        double lr = a.getDouble("lr");
        double momentum = a.getDouble("momentum");
        double dampening = a.getDouble("dampening");
        double wd = a.getDouble("weightDecay");
        boolean nesterov = a.getBoolean("nesterov");
        boolean first = a.getBoolean("first");
        sameSize(op, p, in[1], "gradient");
        Tensor buf = in.length == 3 ? in[2] : null;
        if (momentum != 0 && buf == null) {
            throw new InvalidArgumentException(op + ": momentum " + momentum + " needs a momentum buffer input");
        }
        if (buf != null) {
            sameSize(op, p, buf, "momentum buffer");
            sameType(op, p, buf, "the momentum buffer");
        }
        var fused = k.kernel(FusedKernels.SgdStep.class);
        if (fused.isEmpty()) {
            Tensor g = in[1].to(p.dtype());
            if (wd != 0) {
                g = g.add(p.mul(wd));
            }
            if (momentum != 0) {
                if (first) {
                    buf.copyFrom(g);
                } else {
                    buf.mulInPlace(momentum).addInPlace(g.mul(1 - dampening));
                }
                g = nesterov ? g.add(buf.mul(momentum)) : buf;
            }
            return p.subInPlace(g.mul(lr));
        }
        Tensor pw = operand(p, p.dtype());
        Tensor gw = operand(in[1], p.dtype());
        Tensor bw = buf == null ? null : operand(buf, p.dtype());
        fused.get().sgdStep(k.strided(pw), k.strided(gw), bw == null ? null : k.strided(bw), lr, momentum, dampening,
                wd, nesterov, first);
        writeBack(p, pw);
        if (buf != null) {
            writeBack(buf, bw);
        }
        return p;
    }

    private static Tensor adam(KernelContext k, Tensor[] in) {
        String op = k.operator();
        Tensor p = floatingParameter(op, in[0]);
        sameSize(op, p, in[1], "gradient");
        sameSize(op, p, in[2], "first moment");
        sameSize(op, p, in[3], "second moment");
        sameType(op, p, in[2], "the moments");
        sameType(op, p, in[3], "the moments");
        Attrs a = k.attrs();
        double lr = a.getDouble("lr");
        double beta1 = a.getDouble("beta1");
        double beta2 = a.getDouble("beta2");
        double eps = a.getDouble("eps");
        double wd = a.getDouble("weightDecay");
        boolean decoupled = a.getBoolean("decoupled");
        long step = a.getLong("step");
        var fused = k.kernel(FusedKernels.AdamStep.class);
        if (fused.isEmpty()) {
            if (step < 1) {
                throw new InvalidArgumentException(op + ": step must count from 1, got " + step);
            }
            Tensor g = in[1].to(p.dtype());
            if (decoupled) {
                p.mulInPlace(1 - lr * wd);
            } else if (wd != 0) {
                g = g.add(p.mul(wd));
            }
            in[2].mulInPlace(beta1).addInPlace(g.mul(1 - beta1));
            in[3].mulInPlace(beta2).addInPlace(g.square().mul(1 - beta2));
            Tensor denom = in[3].div(1 - Math.pow(beta2, step)).sqrt().add(eps);
            return p.subInPlace(in[2].div(1 - Math.pow(beta1, step)).div(denom).mul(lr));
        }
        Tensor pw = operand(p, p.dtype());
        Tensor gw = operand(in[1], p.dtype());
        Tensor mw = operand(in[2], p.dtype());
        Tensor vw = operand(in[3], p.dtype());
        fused.get().adamStep(k.strided(pw), k.strided(gw), k.strided(mw), k.strided(vw), lr, beta1, beta2, eps, wd,
                decoupled, step);
        writeBack(p, pw);
        writeBack(in[2], mw);
        writeBack(in[3], vw);
        return p;
    }

    private static Tensor floatingParameter(String op, Tensor p) {
        if (!p.dtype().isFloatingPoint()) {
            throw new DTypeException(op + ": the parameter must be FLOAT32 or FLOAT64, got " + p.dtype());
        }
        return p;
    }

    private static void sameSize(String op, Tensor p, Tensor other, String what) {
        if (!other.shape().equals(p.shape())) {
            throw new ShapeMismatchException(op + ": the " + what + " has shape " + other.shape()
                    + " but the parameter has shape " + p.shape());
        }
    }

    private static void sameType(String op, Tensor p, Tensor other, String what) {
        if (other.dtype() != p.dtype()) {
            throw new DTypeException(op + ": " + what + " must have the parameter's type " + p.dtype());
        }
    }

    /** Tensors the fused updates can run on: contiguous, of the parameter's type. */
    private static Tensor operand(Tensor t, DType d) {
        Tensor c = t.dtype() == d ? t : t.to(d);
        return c.isContiguous() ? c : c.contiguous();
    }

    private static void writeBack(Tensor target, Tensor worked) {
        if (worked != target) {
            target.copyFrom(worked);
        }
    }
}
