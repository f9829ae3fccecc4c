package org.myelin.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.myelin.api.AutogradException;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;

/**
 * Reverse-mode differentiation over the recorded graph. Nodes are ordered by Kahn's algorithm on
 * an explicit queue, never by recursion, so a graph 100,000 nodes deep runs in constant stack.
 * A node runs once all of its consumers have handed it their gradients, which are summed.
 *
 * <p>Grad mode is on while it runs only under {@code createGraph}: then every gradient is itself
 * recorded, and can be differentiated again.
 */
final class BackwardPass {
    /** Where gradients end up: accumulated into leaves, or handed back for the tensors asked about. */
    private final Map<EngineTensor, Tensor> captured;
    private final Map<Node, EngineTensor> capturedNodes;

    private BackwardPass(Map<EngineTensor, Tensor> captured, Map<Node, EngineTensor> capturedNodes) {
        this.captured = captured;
        this.capturedNodes = capturedNodes;
    }

    static void backward(EngineTensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        Tensor seed = seedGradient(root, gradient, "backward");
        try (var g = createGraph ? GradMode.enableGrad() : GradMode.noGrad()) {
            if (root.gradFn == null) {
                root.accumulateGrad(seed, false);
                root.runPostAccumulateHooks();
                return;
            }
            // A recorded backward still reads the first graph's saved tensors, so it must not be freed.
            new BackwardPass(null, null).propagate(List.of(root.gradFn), List.of(seed), retainGraph || createGraph);
        }
    }

    static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean retainGraph,
                             boolean createGraph, boolean allowUnused) {
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new InvalidArgumentException("grad: " + outputs.size() + " outputs but " + gradOutputs.size()
                    + " gradients for them; give one per output (null for a scalar)");
        }
        Map<EngineTensor, Tensor> captured = new IdentityHashMap<>();
        Map<Node, EngineTensor> capturedNodes = new IdentityHashMap<>();
        for (Tensor t : inputs) {
            EngineTensor e = EngineTensor.of(t);
            if (!e.requiresGrad()) {
                throw new AutogradException("grad: an input of shape " + e.shape + " does not require grad, so no "
                        + "gradient flows to it; call requiresGrad(true) on it before the computation");
            }
            captured.put(e, null);
            if (e.gradFn != null) {
                capturedNodes.put(e.gradFn, e);
            }
        }
        List<Node> roots = new ArrayList<>();
        List<Tensor> seeds = new ArrayList<>();
        try (var g = createGraph ? GradMode.enableGrad() : GradMode.noGrad()) {
            BackwardPass pass = new BackwardPass(captured, capturedNodes);
            for (int i = 0; i < outputs.size(); i++) {
                EngineTensor out = EngineTensor.of(outputs.get(i));
                Tensor seed = seedGradient(out, gradOutputs == null ? null : gradOutputs.get(i), "grad");
                if (out.gradFn == null) {
                    pass.capture(out, seed);
                } else {
                    roots.add(out.gradFn);
                    seeds.add(seed);
                }
            }
            if (!roots.isEmpty()) {
                pass.propagate(roots, seeds, retainGraph || createGraph);
            }
        }
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            Tensor gi = captured.get(EngineTensor.of(t));
            if (gi == null && !allowUnused) {
                throw new AutogradException("grad: an input of shape " + t.shape() + " was not used to compute the "
                        + "outputs, so it has no gradient; pass allowUnused=true to get null for it");
            }
            result.add(gi);
        }
        return result;
    }

    /** @param call {@code backward} or {@code grad}, for the messages */
    private static Tensor seedGradient(EngineTensor root, Tensor gradient, String call) {
        if (!root.requiresGrad()) {
            throw new AutogradException(call + "() on a tensor that does not require grad (shape " + root.shape
                    + "): no input of the computation had requiresGrad(true), or it ran under GradMode.noGrad()");
        }
        if (gradient == null) {
            if (root.shape.numel() != 1) {
                throw new AutogradException(call + "() without a gradient needs a scalar output, but this tensor has "
                        + "shape " + root.shape + "; reduce it first (e.g. loss.sum() or loss.mean()), or "
                        + (call.equals("backward") ? "call backward(gradient) with" : "pass gradOutputs holding")
                        + " a gradient of shape " + root.shape);
            }
            return root.engine().full(root.dtype, root.shape, 1.0, root.device());
        }
        if (!gradient.shape().equals(root.shape)) {
            throw new AutogradException(call + "(gradient): the gradient has shape " + gradient.shape()
                    + " but the tensor has shape " + root.shape + "; they must match");
        }
        return gradient;
    }

    private void capture(EngineTensor t, Tensor g) {
        if (captured.containsKey(t)) {
            Tensor before = captured.get(t);
            captured.put(t, before == null ? g : before.add(g));
        }
    }

    private void propagate(List<Node> roots, List<Tensor> seeds, boolean retainGraph) {
        try (var a = Anomalies.attributeToBackward()) {
            propagateNodes(roots, seeds, retainGraph);
        }
    }

    private void propagateNodes(List<Node> roots, List<Tensor> seeds, boolean retainGraph) {
        Map<Node, Integer> dependencies = countDependencies(roots);
        Map<EngineTensor, int[]> hooked = captured == null && EngineTensor.HOOKED.get() > 0 ? hookedLeafEdges(dependencies)
                : null;
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        ArrayDeque<Node> ready = new ArrayDeque<>();
        for (int r = 0; r < roots.size(); r++) {
            Node root = roots.get(r);
            if (!dependencies.containsKey(root)) {
                continue; // leads to none of the tensors asked about
            }
            Tensor before = pending.get(root);
            pending.put(root, before == null ? seeds.get(r) : before.add(seeds.get(r)));
            if (dependencies.get(root) == 0 && !ready.contains(root)) {
                ready.add(root);
            }
        }
        List<Node> visited = new ArrayList<>();
        while (!ready.isEmpty()) {
            Node node = ready.poll();
            node.checkNotFreed();
            Tensor grad = pending.remove(node);
            Tensor[] inputGrads = null;
            long mark = Long.MAX_VALUE;
            if (grad != null) {
                // A node no gradient reached still runs, with none, so its inputs' counts fall to zero.
                if (captured == null) {
                    EngineTensor retained = node.retainedOutput();
                    if (retained != null) {
                        retained.accumulateGrad(grad, false);
                    }
                } else if (capturedNodes.containsKey(node)) {
                    capture(capturedNodes.get(node), grad);
                }
                mark = Storage.lastSerial();
                if (captured == null) {
                    inputGrads = node.operator.backward(node.ctx, grad);
                } else {
                    boolean[] live = liveInputs(node, dependencies);
                    if (live != null) {
                        // Only the gradients that lead somewhere asked about are computed.
                        node.ctx.restrictGradients(live);
                        try {
                            inputGrads = node.operator.backward(node.ctx, grad);
                        } finally {
                            node.ctx.restrictGradients(null);
                        }
                    }
                }
            }
            if (inputGrads != null && GradMode.isAnomalyDetectionEnabled()) {
                Anomalies.backward(node, inputGrads);
            }
            visited.add(node);
            for (int i = 0; i < node.nextNodes.length; i++) {
                Node next = node.nextNodes[i];
                EngineTensor leaf = node.nextLeaves[i];
                if (next == null && leaf == null || next != null && !dependencies.containsKey(next)) {
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
                        if (captured == null) {
                            leaf.accumulateGrad(gi, ownedBy(gi, i, inputGrads, mark));
                        } else {
                            capture(leaf, gi);
                        }
                    }
                    int[] edges = hooked == null ? null : hooked.get(leaf);
                    if (edges != null) {
                        edges[1] |= gi != null ? 1 : 0;
                        if (--edges[0] == 0 && edges[1] == 1) {
                            leaf.runPostAccumulateHooks();
                        }
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
     * For each leaf with post-accumulate hooks, how many edges of this pass lead to it (and whether
     * one brought a gradient yet): its hooks run when the last has been added, as PyTorch runs them
     * after its AccumulateGrad node.
     */
    private static Map<EngineTensor, int[]> hookedLeafEdges(Map<Node, Integer> dependencies) {
        Map<EngineTensor, int[]> edges = new IdentityHashMap<>();
        for (Node n : dependencies.keySet()) {
            for (EngineTensor leaf : n.nextLeaves) {
                if (leaf != null && leaf.hasPostAccumulateHooks()) {
                    edges.computeIfAbsent(leaf, k -> new int[2])[0]++;
                }
            }
        }
        return edges.isEmpty() ? null : edges;
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

    /**
     * How many edges from the nodes that will run lead into each of them. When gradients are only
     * wanted for some tensors, the nodes that lead to none of them do not run at all.
     */
    private Map<Node, Integer> countDependencies(List<Node> roots) {
        Map<Node, Integer> deps = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Node root : roots) {
            if (deps.putIfAbsent(root, 0) == null) {
                stack.push(root);
            }
        }
        Map<Node, List<Node>> consumers = captured == null ? null : new IdentityHashMap<>();
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Node next : n.nextNodes) {
                if (next == null) {
                    continue;
                }
                if (consumers != null) {
                    consumers.computeIfAbsent(next, k -> new ArrayList<>(2)).add(n);
                }
                if (deps.putIfAbsent(next, 0) == null) {
                    stack.push(next);
                }
            }
        }
        if (consumers != null) {
            Set<Node> leading = leadingToCaptured(deps.keySet(), consumers);
            deps.keySet().retainAll(leading);
        }
        for (Node n : deps.keySet()) {
            for (Node next : n.nextNodes) {
                if (next != null && deps.containsKey(next)) {
                    deps.merge(next, 1, Integer::sum);
                }
            }
        }
        return deps;
    }

    /** The nodes from which a tensor asked about can be reached: found backwards, from those tensors, in O(V + E). */
    private Set<Node> leadingToCaptured(Set<Node> all, Map<Node, List<Node>> consumers) {
        Set<Node> leading = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> work = new ArrayDeque<>();
        for (Node n : all) {
            if (capturedNodes.containsKey(n) || feedsCapturedLeaf(n)) {
                leading.add(n);
                work.add(n);
            }
        }
        while (!work.isEmpty()) {
            for (Node consumer : consumers.getOrDefault(work.poll(), List.of())) {
                if (leading.add(consumer)) {
                    work.add(consumer);
                }
            }
        }
        return leading;
    }

    private boolean feedsCapturedLeaf(Node n) {
        for (EngineTensor leaf : n.nextLeaves) {
            if (leaf != null && captured.containsKey(leaf)) {
                return true;
            }
        }
        return false;
    }

    /** Per input of a node, whether its gradient goes anywhere a tensor asked about can be reached. */
    private boolean[] liveInputs(Node node, Map<Node, Integer> dependencies) {
        boolean[] live = new boolean[node.nextNodes.length];
        boolean any = false;
        for (int i = 0; i < live.length; i++) {
            live[i] = node.nextNodes[i] != null ? dependencies.containsKey(node.nextNodes[i])
                    : node.nextLeaves[i] != null && captured.containsKey(node.nextLeaves[i]);
            any |= live[i];
        }
        return any ? live : null;
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
