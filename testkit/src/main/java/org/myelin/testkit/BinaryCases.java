package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.spi.BinaryOp;

/**
 * Conformance cases for {@code binary} and {@code binaryScalar}: every op and floating type, with
 * NumPy-style broadcasting given to kernels as stride-0 views (size-1 axes and missing leading axes),
 * non-contiguous operands, empty and scalar shapes, out aliasing a, and NaN for maximum and minimum.
 */
final class BinaryCases {
    private BinaryCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (BinaryOp op : BinaryOp.values()) {
            for (DType dtype : Scenario.FLOATS) {
                long p = m.pick(2, 3, 5);
                long q = m.pick(7, 13, 31, 67);
                long r = m.pick(4, 5, 7);
                long n = m.pick(31, 257, 1031);
                add(cases, m, op, dtype, "", new long[] {n}, Layout.CONTIGUOUS, new long[] {n}, Layout.CONTIGUOUS,
                        new long[] {n}, Layout.CONTIGUOUS, false);
                add(cases, m, op, dtype, "broadcast", new long[] {p, 1, q}, Layout.CONTIGUOUS, new long[] {r, q},
                        Layout.CONTIGUOUS, new long[] {p, r, q}, Layout.CONTIGUOUS, false);
                add(cases, m, op, dtype, "outer broadcast", new long[] {q, 1}, Layout.SLICED, new long[] {1, r},
                        Layout.OFFSET, new long[] {q, r}, Layout.CONTIGUOUS, false);
                add(cases, m, op, dtype, "scalar broadcast", new long[] {p, q}, Layout.OFFSET, new long[0],
                        Layout.SLICED, new long[] {p, q}, Layout.CONTIGUOUS, false);
                add(cases, m, op, dtype, "transposed x sliced, sliced out", new long[] {q, r}, Layout.TRANSPOSED,
                        new long[] {q, r}, Layout.SLICED, new long[] {q, r}, Layout.SLICED, false);
                add(cases, m, op, dtype, "empty", new long[] {0, q}, Layout.CONTIGUOUS, new long[] {1, q},
                        Layout.CONTIGUOUS, new long[] {0, q}, Layout.CONTIGUOUS, false);
                add(cases, m, op, dtype, "scalar", new long[0], Layout.CONTIGUOUS, new long[0], Layout.OFFSET,
                        new long[0], Layout.CONTIGUOUS, false);
            }
        }
        for (BinaryOp op : List.of(BinaryOp.ADD, BinaryOp.MUL, BinaryOp.SUB)) {
            for (DType dtype : Scenario.FLOATS) {
                long[] shape = {m.pick(3, 5), m.pick(13, 67)};
                add(cases, m, op, dtype, "in place (out is a)", shape, Layout.SLICED, new long[] {shape[1]},
                        Layout.CONTIGUOUS, shape, Layout.SLICED, true);
            }
        }
        for (BinaryOp op : List.of(BinaryOp.MAXIMUM, BinaryOp.MINIMUM)) {
            for (DType dtype : Scenario.FLOATS) {
                long n = m.pick(67, 257);
                cases.add(binary(m, op, dtype, "with NaN", new long[] {n}, Layout.CONTIGUOUS, new long[] {n},
                        Layout.CONTIGUOUS, new long[] {n}, Layout.CONTIGUOUS, false,
                        Values.withNaN(Values.uniform(-3, 3), 0.2)));
            }
        }
        addScalarCases(cases, m);
    }

    private static void add(List<ConformanceCase> cases, ViewMaker m, BinaryOp op, DType dtype, String tag,
                            long[] aShape, Layout aLayout, long[] bShape, Layout bLayout, long[] outShape,
                            Layout outLayout, boolean outIsA) {
        cases.add(binary(m, op, dtype, tag, aShape, aLayout, bShape, bLayout, outShape, outLayout, outIsA, null));
    }

    private static KernelCase binary(ViewMaker m, BinaryOp op, DType dtype, String tag, long[] aShape, Layout aLayout,
                                     long[] bShape, Layout bLayout, long[] outShape, Layout outLayout, boolean outIsA,
                                     Values bothValues) {
        HostView a = m.make(dtype, aShape, aLayout, bothValues != null ? bothValues : left(op));
        HostView b = m.make(dtype, bShape, bLayout, bothValues != null ? bothValues : right(op));
        String name = Scenario.name("binary", op.name(), Names.dtype(dtype),
                Names.shape(aShape) + "x" + Names.shape(bShape), tag);
        KernelCase.Builder builder = KernelCase.named(name).tolerance(Tolerance.elementwise(dtype));
        if (outIsA) {
            int ai = builder.output("a (also out)", a);
            int bi = builder.input("b", m.broadcast(b, outShape));
            return builder.run((k, v) -> k.binary(op, v[ai], v[bi], v[ai]));
        }
        int ai = builder.input("a", m.broadcast(a, outShape));
        int bi = builder.input("b", m.broadcast(b, outShape));
        int oi = builder.output("out", m.make(dtype, outShape, outLayout, Values.uniform(-9, 9)));
        return builder.run((k, v) -> k.binary(op, v[ai], v[bi], v[oi]));
    }

    private static void addScalarCases(List<ConformanceCase> cases, ViewMaker m) {
        for (BinaryOp op : BinaryOp.values()) {
            for (DType dtype : Scenario.FLOATS) {
                for (int variant = 0; variant < 2; variant++) {
                    boolean strided = variant == 1;
                    long[] shape = strided ? new long[] {m.pick(7, 13), m.pick(5, 31)} : new long[] {m.pick(67, 257, 1031)};
                    double scalar = scalar(op, variant);
                    // POW by 2 on negative bases: x.pow(2) of any sign is the everyday case (squared errors).
                    Values values = op == BinaryOp.POW && variant == 0 ? Values.uniform(-3, 3) : left(op);
                    HostView a = m.make(dtype, shape, strided ? Layout.TRANSPOSED : Layout.CONTIGUOUS, values);
                    HostView out = m.make(dtype, shape, strided ? Layout.SLICED : Layout.CONTIGUOUS, Values.uniform(-9, 9));
                    KernelCase.Builder b = KernelCase.named(Scenario.name("binaryScalar", op.name(), Names.dtype(dtype),
                                    Names.shape(shape), "scalar " + scalar, strided ? "transposed, sliced out" : ""))
                            .tolerance(Tolerance.elementwise(dtype));
                    int ai = b.input("a", a);
                    int oi = b.output("out", out);
                    cases.add(b.run((k, v) -> k.binaryScalar(op, v[ai], scalar, v[oi])));
                }
            }
        }
    }

    private static double scalar(BinaryOp op, int variant) {
        return switch (op) {
            case ADD -> variant == 0 ? 0.37 : -2.5;
            case SUB -> variant == 0 ? 1.25 : -0.3;
            case MUL -> variant == 0 ? 2.5 : -0.1;
            case DIV -> variant == 0 ? 1.7 : -0.3;
            case POW -> variant == 0 ? 2.0 : 0.5;
            case MAXIMUM -> 0.0;
            case MINIMUM -> variant == 0 ? 1.0 : -0.5;
        };
    }

    private static Values left(BinaryOp op) {
        return switch (op) {
            case POW -> Values.uniform(0.1, 3);
            case MAXIMUM, MINIMUM -> Values.either(Values.uniform(-3, 3), Values.integers(-1, 1));
            default -> Values.uniform(-4, 4);
        };
    }

    private static Values right(BinaryOp op) {
        return switch (op) {
            case DIV -> Values.awayFromZero(0.25, 4);
            case POW -> Values.uniform(-3, 3);
            default -> left(op);
        };
    }
}
