package org.myelin.testkit;

import org.myelin.api.spi.StridedWalk;

import java.util.Optional;
import org.myelin.api.DType;

/** Compares one operand's buffer after a call on the candidate with the reference and the upload. */
final class OutputComparison {
    private OutputComparison() {}

    /**
     * @param operand   the operand, with the values it was uploaded with
     * @param expected  the reference's buffer after the call
     * @param actual    the candidate's buffer after the call
     * @param tolerance how close written elements must be
     * @return empty when they agree, else the first difference
     */
    static Optional<String> compare(KernelCase.Operand operand, double[] expected, double[] actual, Tolerance tolerance) {
        HostView view = operand.view();
        double[] uploaded = view.data();
        String role = (operand.written() ? "output " : "input ") + operand.role();
        if (actual.length != uploaded.length) {
            return Optional.of(role + ": its buffer downloads as " + actual.length + " elements, uploaded " + uploaded.length);
        }
        boolean[] inView = new boolean[uploaded.length];
        if (operand.written()) {
            double maxAbs = maxAbs(view, expected);
            long mismatches = 0;
            String first = null;
            StridedWalk it = view.walk();
            for (long n = it.count(); n > 0; n--, it.next()) {
                int p = (int) it.position(0);
                inView[p] = true;
                if (!tolerance.accepts(expected[p], actual[p], maxAbs)) {
                    if (mismatches++ == 0) {
                        first = "first mismatch at index " + Names.index(it.index()) + " (buffer element " + p
                                + "): expected " + format(view.dtype(), expected[p]) + " but got "
                                + format(view.dtype(), actual[p]) + allowance(tolerance, expected[p], maxAbs);
                    }
                }
            }
            if (mismatches > 0) {
                return Optional.of(role + ": " + first + "; " + mismatches + " of " + it.count() + " elements differ");
            }
        }
        for (int p = 0; p < uploaded.length; p++) {
            if (!inView[p] && !Tolerance.EXACT.accepts(uploaded[p], actual[p], 0)) {
                String where = operand.written() ? "buffer element " + p + ", outside the view," : "buffer element " + p;
                return Optional.of(role + ": " + where + " was changed from " + format(view.dtype(), uploaded[p])
                        + " to " + format(view.dtype(), actual[p]) + "; kernels must not write there");
            }
        }
        return Optional.empty();
    }

    private static double maxAbs(HostView view, double[] values) {
        double max = 0;
        StridedWalk it = view.walk();
        for (long n = it.count(); n > 0; n--, it.next()) {
            double v = Math.abs(values[(int) it.position(0)]);
            if (v > max && !Double.isInfinite(v)) {
                max = v;
            }
        }
        return max;
    }

    private static String allowance(Tolerance t, double expected, double maxAbs) {
        if (t.isExact()) {
            return " (exact match required)";
        }
        return " (difference allowed: " + String.format("%.3g", t.allowed(expected, maxAbs)) + ")";
    }

    /** Floats print as floats, so a FLOAT32 value reads as the shortest decimal that names it. */
    static String format(DType dtype, double v) {
        return switch (dtype) {
            case FLOAT32 -> Float.toString((float) v);
            case FLOAT64 -> Double.toString(v);
            case INT64 -> Long.toString((long) v);
        };
    }
}
