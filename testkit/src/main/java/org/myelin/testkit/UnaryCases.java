package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.spi.UnaryOp;

/** Conformance cases for {@code unary}: every op, both floating types, the standard situations, and in place. */
final class UnaryCases {
    private UnaryCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (UnaryOp op : UnaryOp.values()) {
            for (DType dtype : Scenario.FLOATS) {
                for (Scenario s : Scenario.standard(m)) {
                    HostView x = m.make(dtype, s.shape(), s.input(), domain(op));
                    HostView out = m.make(dtype, s.shape(), s.output(), Values.uniform(-9, 9));
                    KernelCase.Builder b = KernelCase.named(Scenario.name("unary", op.name(), Names.dtype(dtype), s.label()))
                            .tolerance(Tolerance.elementwise(dtype));
                    int xi = b.input("x", x);
                    int oi = b.output("out", out);
                    cases.add(b.run((k, v) -> k.unary(op, v[xi], v[oi])));
                }
            }
        }
        for (UnaryOp op : List.of(UnaryOp.RELU, UnaryOp.EXP, UnaryOp.SIGMOID)) {
            for (DType dtype : Scenario.FLOATS) {
                long[] shape = {m.pick(3, 5), m.pick(13, 67)};
                HostView x = m.make(dtype, shape, Layout.SLICED, domain(op));
                KernelCase.Builder b = KernelCase.named(Scenario.name("unary", op.name(), Names.dtype(dtype),
                        Names.shape(shape), "sliced in place (out is x)")).tolerance(Tolerance.elementwise(dtype));
                int xi = b.output("x (also out)", x);
                cases.add(b.run((k, v) -> k.unary(op, v[xi], v[xi])));
            }
        }
    }

    /** Inputs inside each op's domain, away from poles, wide enough to reach every branch. */
    static Values domain(UnaryOp op) {
        return switch (op) {
            case SQRT -> Values.either(Values.uniform(0, 9), Values.integers(0, 4));
            case LOG -> Values.uniform(0.05, 10);
            case RECIPROCAL -> Values.awayFromZero(0.1, 4);
            case LOG1P -> Values.either(Values.uniform(-0.9, 4), Values.uniform(-1e-6, 1e-6));
            case EXP -> Values.uniform(-10, 10);
            case SIGMOID -> Values.uniform(-15, 15);
            case SOFTPLUS -> Values.uniform(-25, 25);
            case SIGN, RELU, ABS -> Values.either(Values.uniform(-4, 4), Values.integers(-1, 1));
            default -> Values.uniform(-4, 4);
        };
    }
}
