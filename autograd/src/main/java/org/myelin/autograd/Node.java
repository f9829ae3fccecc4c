package org.myelin.autograd;

import java.lang.ref.WeakReference;
import org.myelin.api.AutogradException;
import org.myelin.api.Operator;

/**
 * One recorded operator application: what backward needs (the operator and its context, with the
 * saved tensors) and where the gradients go next (one edge per input).
 */
final class Node {
    final Operator operator;
    final ExecutionContext ctx;
    /** Per input: the producing node, when the input is itself recorded. */
    final Node[] nextNodes;
    /** Per input: the leaf that accumulates its gradient, when the input is a leaf requiring grad. */
    final EngineTensor[] nextLeaves;
    /** Made on first use (messages, gradFn()): building it for every recorded operation would cost more than the op. */
    private String name;
    private volatile boolean freed;
    private volatile WeakReference<EngineTensor> retained;

    Node(Operator operator, ExecutionContext ctx, EngineTensor[] inputs) {
        this.operator = operator;
        this.ctx = ctx;
        int n = inputs.length;
        this.nextNodes = new Node[n];
        this.nextLeaves = new EngineTensor[n];
        for (int i = 0; i < n; i++) {
            EngineTensor in = inputs[i];
            if (in.gradFn != null) {
                nextNodes[i] = in.gradFn;
            } else if (in.requiresGrad()) {
                nextLeaves[i] = in;
            }
        }
    }

    /** {@code leaky_relu} becomes {@code LeakyReluBackward}. */
    static String backwardName(String op) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : op.toCharArray()) {
            if (c == '_' || c == '-' || c == '.') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return sb.append("Backward").toString();
    }

    String name() {
        String n = name;
        if (n == null) {
            n = backwardName(operator.name());
            name = n;
        }
        return n;
    }

    void retainOutput(EngineTensor output) {
        retained = new WeakReference<>(output);
    }

    EngineTensor retainedOutput() {
        WeakReference<EngineTensor> r = retained;
        return r == null ? null : r.get();
    }

    void checkNotFreed() {
        if (freed) {
            throw new AutogradException("backward through " + name() + " a second time: its saved values were freed by "
                    + "the first backward. Pass retainGraph=true to the first backward(gradient, true) if you need to "
                    + "backpropagate through the same graph twice");
        }
    }

    void free() {
        freed = true;
        ctx.release();
    }
}
