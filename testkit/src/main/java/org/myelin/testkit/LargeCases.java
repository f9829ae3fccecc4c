package org.myelin.testkit;

import org.myelin.api.spi.FusedKernels;
import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.UnaryOp;

/**
 * A few cases of 100k+ elements, large enough that a backend splits the work across threads or
 * launches many GPU blocks: chunk boundaries, per-chunk random counters and partial reductions then
 * have to line up. Sizes are odd so no chunk divides them evenly.
 */
final class LargeCases {
    private LargeCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        Values values = Values.uniform(-3, 3);
        for (DType dtype : Scenario.FLOATS) {
            String type = Names.dtype(dtype);
            long[] big = {517, 257};
            long[] bigT = {257, 517};

            HostView x = m.make(dtype, big, Layout.TRANSPOSED, values);
            KernelCase.Builder u = KernelCase.named(Scenario.name("unary EXP", type, Names.shape(big), "transposed, large"))
                    .tolerance(Tolerance.elementwise(dtype));
            int xi = u.input("x", x);
            int oi = u.output("out", m.make(dtype, big, Layout.CONTIGUOUS, values));
            cases.add(u.run((k, v) -> k.unary(UnaryOp.EXP, v[xi], v[oi])));

            HostView row = m.make(dtype, new long[] {big[1]}, Layout.CONTIGUOUS, values);
            KernelCase.Builder b = KernelCase.named(Scenario.name("binary MUL", type,
                    Names.shape(big) + "x" + Names.shape(row.shape()), "broadcast, large")).tolerance(Tolerance.elementwise(dtype));
            int ai = b.input("a", m.make(dtype, big, Layout.CONTIGUOUS, values));
            int bi = b.input("b", m.broadcast(row, big));
            int bo = b.output("out", m.make(dtype, big, Layout.CONTIGUOUS, values));
            cases.add(b.run((k, v) -> k.binary(BinaryOp.MUL, v[ai], v[bi], v[bo])));

            for (int axis = 0; axis < 2; axis++) {
                long[] outShape = axis == 0 ? new long[] {1, bigT[1]} : new long[] {bigT[0], 1};
                HostView rx = m.make(dtype, bigT, Layout.CONTIGUOUS, values);
                KernelCase.Builder r = KernelCase.named(Scenario.name("reduce SUM", type,
                                Names.shape(bigT) + " to " + Names.shape(outShape), "large"))
                        .tolerance(Tolerance.accumulated(dtype, bigT[axis], rx.maxAbs()));
                int ri = r.input("x", rx);
                int ro = r.output("out", m.make(dtype, outShape, Layout.CONTIGUOUS, values));
                cases.add(r.run((k, v) -> k.reduce(ReduceOp.SUM, v[ri], v[ro])));
            }

            long[] line = {131_071};
            HostView all = m.make(dtype, line, Layout.CONTIGUOUS, values);
            KernelCase.Builder s = KernelCase.named(Scenario.name("reduce SUM", type, Names.shape(line) + " to [1]", "large"))
                    .tolerance(Tolerance.accumulated(dtype, line[0], all.maxAbs()));
            int si = s.input("x", all);
            int so = s.output("out", m.make(dtype, new long[] {1}, Layout.CONTIGUOUS, values));
            cases.add(s.run((k, v) -> k.reduce(ReduceOp.SUM, v[si], v[so])));

            KernelCase.Builder sm = KernelCase.named(Scenario.name("softmax log", type, Names.shape(bigT), "axis 1 large"))
                    .tolerance(Tolerance.softmax(dtype, bigT[1], true, 3));
            int smi = sm.input("x", m.make(dtype, bigT, Layout.CONTIGUOUS, values));
            int smo = sm.output("out", m.make(dtype, bigT, Layout.CONTIGUOUS, values));
            cases.add(sm.runFused(FusedKernels.Softmax.class, (k, v) -> k.softmax(v[smi], 1, v[smo], true)));

            long[] draws = {100_003};
            KernelCase.Builder ru = KernelCase.named(Scenario.name("randomUniform", type, Names.shape(draws), "large"));
            int ruo = ru.output("out", m.make(dtype, draws, Layout.CONTIGUOUS, values));
            cases.add(ru.run((k, v) -> k.randomUniform(v[ruo], 7, 123_456_789L, -1, 1)));

            KernelCase.Builder rn = KernelCase.named(Scenario.name("randomNormal", type, Names.shape(draws), "large"));
            int rno = rn.output("out", m.make(dtype, draws, Layout.CONTIGUOUS, values));
            cases.add(rn.run((k, v) -> k.randomNormal(v[rno], 7, 0xFFFF_0000L, 0, 1)));
        }
    }
}
