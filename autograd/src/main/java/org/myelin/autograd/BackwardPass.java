package org.myelin.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.api.AutogradException;
import org.myelin.api.GradMode;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;

/**
 * Reverse-mode differentiation over the recorded graph. Nodes are ordered by Kahn's algorithm on
 * an explicit queue, never by recursion, so a graph 100,000 nodes deep runs in constant stack.
 * A node runs once all of its consumers have handed it their gradients, which are summed.
 */
final class BackwardPass {
    private BackwardPass() {}

    static void run(EngineTensor root, Tensor gradient, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new AutogradException("backward() on a tensor that does not require grad (shape " + root.shape
                    + "): no input of the computation had requiresGrad(true), or it ran under GradMode.noGrad()");
        }
        Tensor seed = seedGradient(root, gradient);
        try (var g = GradMode.noGrad()) {
            if (root.gradFn == null) {
                root.accumulateGrad(seed);
                return;
            }
            propagate(root.gradFn, seed, retainGraph);
        }
    }

    private static Tensor seedGradient(EngineTensor root, Tensor gradient) {
        if (gradient == null) {
            if (root.shape.numel() != 1) {
                throw new AutogradException("backward() without a gradient needs a scalar output, but this tensor has shape "
                        + root.shape + "; reduce it first (e.g. loss.sum() or loss.mean()), or call backward(gradient) "
                        + "with a gradient of shape " + root.shape);
            }
            return MyelinEngine.instance().full(root.dtype, root.shape, 1.0, root.device());
        }
        if (!gradient.shape().equals(root.shape)) {
            throw new AutogradException("backward(gradient): the gradient has shape " + gradient.shape()
                    + " but the tensor has shape " + root.shape + "; they must match");
        }
        return gradient;
    }

    private static void propagate(Node rootNode, Tensor seed, boolean retainGraph) {
        Map<Node, Integer> dependencies = countDependencies(rootNode);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(rootNode, seed);
        ArrayDeque<Node> ready = new ArrayDeque<>();
        ready.add(rootNode);
        List<Node> visited = new ArrayList<>();
        while (!ready.isEmpty()) {
            Node node = ready.poll();
            node.checkNotFreed();
            Tensor grad = pending.remove(node);
            Tensor[] inputGrads = null;
            long mark = Long.MAX_VALUE;
            if (grad != null) {
                // A node no gradient reached still runs, with none, so its inputs' counts fall to zero.
                EngineTensor retained = node.retainedOutput();
                if (retained != null) {
                    retained.accumulateGrad(grad);
                }
                mark = Storage.lastSerial();
                inputGrads = node.operator.backward(node.ctx, grad);
            }
            visited.add(node);
            for (int i = 0; i < node.nextNodes.length; i++) {
                Node next = node.nextNodes[i];
                EngineTensor leaf = node.nextLeaves[i];
                if (next == null && leaf == null) {
                    continue;
                }
                Tensor gi = inputGrads == null || i >= inputGrads.length ? null : inputGrads[i];
                if (gi != null) {
                    Shape target = node.ctx.inputShape(i);
                    if (!gi.shape().equals(target)) {
                        // The node's name is built only here, where a message may need it: building it for
                        // every gradient cost a string per edge of every backward pass.
                        gi = sumToShape(gi, target, node.name());
                    }
                    if (gi.dtype() != node.ctx.inputDType(i)) {
                        gi = gi.to(node.ctx.inputDType(i));
                    }
                }
                if (leaf != null) {
                    if (gi != null) {
                        leaf.accumulateGrad(gi, ownedBy(gi, i, inputGrads, mark));
                    }
                    continue;
                }
                if (gi != null) {
                    Tensor before = pending.get(next);
                    pending.put(next, before == null ? gi : before.add(gi));
                }
                int left = dependencies.merge(next, -1, Integer::sum);
                if (left == 0) {
                    ready.add(next);
                }
            }
        }
        if (!retainGraph) {
            for (Node n : visited) {
                n.free();
            }
        }
    }

    /**
     * True when gradient {@code gi} for input {@code i} can be adopted by its leaf without a copy: it is
     * a contiguous tensor whose memory was made after the operator's backward began (so no tensor from
     * before, such as an input, a saved value or the incoming gradient, shares it) and no other input's
     * gradient shares that memory.
     */
    private static boolean ownedBy(Tensor gi, int i, Tensor[] inputGrads, long mark) {
        EngineTensor t = EngineTensor.of(gi);
        if (t.storage.serial <= mark || !t.isContiguous()) {
            return false;
        }
        for (int j = 0; j < inputGrads.length; j++) {
            if (j != i && inputGrads[j] instanceof EngineTensor o && o.storage == t.storage) {
                return false;
            }
        }
        return true;
    }

    /** How many edges from nodes reachable from the root lead into each node. */
    private static Map<Node, Integer> countDependencies(Node root) {
        Map<Node, Integer> deps = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        deps.put(root, 0);
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Node next : n.nextNodes) {
                if (next == null) {
                    continue;
                }
                Integer count = deps.get(next);
                if (count == null) {
                    deps.put(next, 1);
                    stack.push(next);
                } else {
                    deps.put(next, count + 1);
                }
            }
        }
        return deps;
    }

    /** Sums a gradient of a broadcast result back to the shape of the input that was broadcast. */
    static Tensor sumToShape(Tensor grad, Shape target, String where) {
        Shape have = grad.shape();
        if (have.equals(target)) {
            return grad;
        }
        int extra = have.rank() - target.rank();
        if (extra < 0) {
            if (have.numel() == target.numel()) {
                return grad.reshape(target.toArray());
            }
            throw new AutogradException(where + " returned a gradient of shape " + have + " for an input of shape " + target);
        }
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < have.rank(); i++) {
            if (i < extra) {
                axes.add(i);
            } else if (target.size(i - extra) == 1 && have.size(i) != 1) {
                axes.add(i);
            } else if (target.size(i - extra) != have.size(i)) {
                throw new AutogradException(where + " returned a gradient of shape " + have
                        + " that does not broadcast to its input's shape " + target);
            }
        }
        Tensor summed = axes.isEmpty() ? grad : grad.sum(axes.stream().mapToInt(Integer::intValue).toArray(), true);
        return summed.reshape(target.toArray());
    }
}
