package org.myelin.testkit;

import org.myelin.api.spi.FusedKernels;
import java.util.List;
import org.myelin.api.DType;

/**
 * Conformance cases for the fused optimizer steps: SGD with and without momentum, dampening,
 * Nesterov and weight decay; Adam and AdamW over several steps. Parameters and state are updated in
 * place (the output views are the inputs), on contiguous views, some starting inside a larger buffer.
 */
final class OptimizerCases {
    private OptimizerCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (DType dtype : Scenario.FLOATS) {
            long[][] shapes = {{m.pick(257, 1031)}, {m.pick(3, 7), m.pick(13, 31)}, {1}, {0}};
            for (long[] shape : shapes) {
                Layout layout = shape.length == 2 ? Layout.OFFSET : Layout.CONTIGUOUS;
                sgd(cases, m, dtype, shape, layout, "plain", 0.1, 0, 0, 0, false, false);
                sgd(cases, m, dtype, shape, layout, "weight decay", 0.1, 0, 0, 0.01, false, false);
                sgd(cases, m, dtype, shape, layout, "momentum, first then second step", 0.05, 0.9, 0, 0, false, true);
                sgd(cases, m, dtype, shape, layout, "momentum, dampening, weight decay", 0.05, 0.9, 0.1, 0.01, false, false);
                sgd(cases, m, dtype, shape, layout, "nesterov, first then second step", 0.05, 0.9, 0, 0.01, true, true);
                adam(cases, m, dtype, shape, layout, "Adam, steps 1 to 3", 1e-3, 0, false, 1, 3);
                adam(cases, m, dtype, shape, layout, "Adam with L2 weight decay, step 5", 1e-2, 0.01, false, 5, 1);
                adam(cases, m, dtype, shape, layout, "AdamW, steps 1 and 2", 1e-2, 0.05, true, 1, 2);
            }
        }
    }

    private static void sgd(List<ConformanceCase> cases, ViewMaker m, DType dtype, long[] shape, Layout layout, String tag,
                            double lr, double momentum, double dampening, double weightDecay, boolean nesterov,
                            boolean fromFirstStep) {
        Values values = Values.uniform(-2, 2);
        KernelCase.Builder b = KernelCase.named(Scenario.name("sgdStep", Names.dtype(dtype), Names.shape(shape),
                layout.tag(), tag)).tolerance(Tolerance.elementwise(dtype));
        int pi = b.output("param", m.make(dtype, shape, layout, values));
        int g1 = b.input("grad", m.make(dtype, shape, layout, values));
        int g2 = b.input("second grad", m.make(dtype, shape, Layout.CONTIGUOUS, values));
        int bi = momentum != 0 ? b.output("momentum buffer", m.make(dtype, shape, layout, values)) : -1;
        cases.add(b.runFused(FusedKernels.SgdStep.class, (k, v) -> {
            k.sgdStep(v[pi], v[g1], bi < 0 ? null : v[bi], lr, momentum, dampening, weightDecay, nesterov, fromFirstStep);
            if (fromFirstStep) {
                k.sgdStep(v[pi], v[g2], bi < 0 ? null : v[bi], lr, momentum, dampening, weightDecay, nesterov, false);
            }
        }));
    }

    private static void adam(List<ConformanceCase> cases, ViewMaker m, DType dtype, long[] shape, Layout layout, String tag,
                             double lr, double weightDecay, boolean decoupled, long firstStep, int steps) {
        Values values = Values.uniform(-2, 2);
        KernelCase.Builder b = KernelCase.named(Scenario.name("adamStep", Names.dtype(dtype), Names.shape(shape),
                layout.tag(), tag)).tolerance(Tolerance.elementwise(dtype));
        int pi = b.output("param", m.make(dtype, shape, layout, values));
        int gi = b.input("grad", m.make(dtype, shape, layout, values));
        // Fresh state is zero; a later step starts from moments a run could have reached (v >= 0).
        boolean fresh = firstStep == 1;
        int mi = b.output("m", m.make(dtype, shape, layout, fresh ? Values.integers(0, 0) : Values.uniform(-0.5, 0.5)));
        int vi = b.output("v", m.make(dtype, shape, layout, fresh ? Values.integers(0, 0) : Values.uniform(0, 0.5)));
        cases.add(b.runFused(FusedKernels.AdamStep.class, (k, v) -> {
            for (long step = firstStep; step < firstStep + steps; step++) {
                k.adamStep(v[pi], v[gi], v[mi], v[vi], lr, 0.9, 0.999, 1e-8, weightDecay, decoupled, step);
            }
        }));
    }
}
