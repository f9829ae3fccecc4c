package org.myelin.autograd;

import org.myelin.api.AnomalyException;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;

/**
 * Anomaly mode's checks ({@link GradMode#detectAnomaly()}): the first operator whose forward or
 * backward makes a NaN or an infinity stops the run, named with its inputs' shapes and the module
 * it sits in. Reading every value back is slow, which is why the mode is off unless asked for.
 */
final class Anomalies {
    private Anomalies() {}

    private static final ThreadLocal<boolean[]> IN_BACKWARD = ThreadLocal.withInitial(() -> new boolean[1]);
    private static final GradMode.ModuleScope NOTHING = () -> { };

    /**
     * A backward is made of forward operators (sqrt's divides); a NaN one of them makes is reported
     * as the backward it belongs to, by {@link #backward}, not as a stray forward.
     */
    static GradMode.ModuleScope attributeToBackward() {
        if (!GradMode.isAnomalyDetectionEnabled()) {
            return NOTHING;
        }
        boolean[] cell = IN_BACKWARD.get();
        boolean before = cell[0];
        cell[0] = true;
        return () -> cell[0] = before;
    }

    /** @return true when forwards are to be checked: anomaly mode is on and no backward is running */
    static boolean checkForwards() {
        return GradMode.isAnomalyDetectionEnabled() && !IN_BACKWARD.get()[0];
    }

    /**
     * After a forward: an output that is not finite is this operator's doing when its inputs were
     * finite; when one was not, the NaN came from outside the recorded operations.
     */
    static void forward(String op, EngineTensor[] in, Tensor out, String where) {
        String bad = firstNonFinite(out);
        if (bad == null) {
            return;
        }
        for (int i = 0; i < in.length; i++) {
            String given = firstNonFinite(in[i]);
            if (given != null) {
                throw new AnomalyException("anomaly: '" + op + "'" + place(where) + " was given " + given + " as input "
                        + i + ", which no recorded operation made: a parameter an optimizer step or a load set to "
                        + "NaN, or the data; " + ADVICE);
            }
        }
        throw new AnomalyException("anomaly: the forward of '" + op + "'" + place(where) + " made " + bad
                + " from inputs of shapes " + shapes(in) + ", all finite; " + ADVICE);
    }

    /** After a backward: each input's gradient must be finite. */
    static void backward(Node node, Tensor[] grads) {
        if (grads == null) {
            return;
        }
        for (int i = 0; i < grads.length; i++) {
            String bad = grads[i] == null ? null : firstNonFinite(grads[i]);
            if (bad != null) {
                throw new AnomalyException("anomaly: the backward of '" + node.operator.name() + "'"
                        + place(node.ctx.where()) + " made " + bad + " in the gradient of input " + i + " (shape "
                        + node.ctx.inputShape(i) + "); " + ADVICE);
            }
        }
    }

    private static final String ADVICE = "a learning rate that is too large is the usual cause (lower --lr), "
            + "then a log or a division of zero";

    private static String place(String where) {
        return where == null || where.isEmpty() ? "" : " in module " + where;
    }

    private static String shapes(EngineTensor[] in) {
        StringBuilder sb = new StringBuilder();
        for (EngineTensor t : in) {
            sb.append(sb.isEmpty() ? "" : " and ").append(t.shape);
        }
        return sb.toString();
    }

    /** @return "NaN at element 3 of a [2, 5] tensor", or null when every element is finite */
    static String firstNonFinite(Tensor t) {
        if (!t.dtype().isFloatingPoint()) {
            return null;
        }
        double[] v;
        try (var g = GradMode.noGrad()) {
            v = t.toDoubleArray();
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return (Double.isNaN(v[i]) ? "NaN" : v[i] > 0 ? "+infinity" : "-infinity") + " at element " + i
                        + " of a " + t.shape() + " tensor";
            }
        }
        return null;
    }
}
