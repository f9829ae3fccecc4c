package org.myelin.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.myelin.api.DType;
import org.myelin.api.Tensor;
import org.myelin.api.Operator;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.EngineRuntime;

/**
 * The conformance kit for an {@link Operator} plugin: its forward on the backend in use against
 * the same forward on the {@code reference} backend (random standard-normal inputs, several shapes,
 * FLOAT32 and FLOAT64), its gradient against finite differences ({@link GradCheck}), determinism
 * for a seed, and the same results from 4 threads at once. It needs the engine
 * ({@code org.myelin.autograd}) at run time, as any user of tensors does. In JUnit it is one line:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return OperatorConformance.against(new Gelu()).map(c -> DynamicTest.dynamicTest(c.name(), c::run));
 * }
 * }</pre>
 *
 * The forward check runs the operator a second time with the {@code reference} backend in use on
 * its own thread only, so other threads may go on computing.
 */
public final class OperatorConformance {
    private static final long SEED = 20240611L;
    private static final long[][] SHAPES = {{7}, {3, 5}, {2, 3, 4}};
    private static final int THREADS = 4;
    private static final String REFERENCE = "reference";

    private OperatorConformance() {}

    /**
     * One named check of an operator.
     *
     * @param name what is checked, such as {@code gelu: forward matches reference, float32 [3, 5]}
     * @param body runs the check and throws {@link AssertionError} saying what differed
     */
    public record Check(String name, Runnable body) {
        /** Runs the check. @throws AssertionError naming what differed */
        public void run() {
            body.run();
        }
    }

    /**
     * The outcome of one check, for reports without a test framework.
     *
     * @param name    the check's name
     * @param passed  whether it passed
     * @param message why it failed; empty when it passed
     */
    public record Result(String name, boolean passed, String message) {}

    /**
     * @param operator the operator under test; {@link Operator#arity()} says how many inputs it takes
     * @return its checks, in a fixed order
     */
    public static Stream<Check> against(Operator operator) {
        int arity;
        try {
            arity = arityOf(operator);
        } catch (AssertionError e) {
            return Stream.of(new Check(operator.name() + ": can be called", () -> {
                throw e;
            }));
        }
        return checks(operator, arity).stream();
    }

    /**
     * Runs every check, catching failures, for a command line such as {@code myelin plugin check}.
     *
     * @param operator the operator under test
     * @return one result per check
     */
    public static List<Result> run(Operator operator) {
        List<Result> results = new ArrayList<>();
        against(operator).forEach(c -> {
            try {
                c.run();
                results.add(new Result(c.name(), true, ""));
            } catch (AssertionError | RuntimeException e) {
                results.add(new Result(c.name(), false, String.valueOf(e.getMessage())));
            }
        });
        return results;
    }

    /**
     * The checks of an operator that replaces an installed one: on the same inputs, its forward and
     * its gradient must match the original's, as {@code myelin plugin check} runs them for a plugin
     * that declares {@link Operator#replaces()}.
     *
     * @param replacement the operator under test
     * @param original    the one it replaces
     * @return one result per check
     */
    public static List<Result> runAgainst(Operator replacement, Operator original) {
        List<Result> results = new ArrayList<>();
        String n = replacement.name();
        int arity;
        try {
            arity = arityOf(original);
        } catch (AssertionError e) {
            return List.of(new Result(n + ": matches the operator it replaces", false, e.getMessage()));
        }
        for (long[] shape : SHAPES) {
            String name = n + ": matches the operator it replaces, float64 " + Arrays.toString(shape);
            try {
                double[][] data = seededData(arity, shape, SEED + 4);
                double[][] expected = forwardAndBackward(original, data, shape);
                double[][] actual = forwardAndBackward(replacement, data, shape);
                for (int i = 0; i < expected.length; i++) {
                    assertClose(n + (i == 0 ? " output" : " gradient of input " + (i - 1)) + " against the replaced "
                            + "operator", expected[i], actual[i], 1e-12, 1e-10);
                }
                results.add(new Result(name, true, ""));
            } catch (AssertionError | RuntimeException e) {
                results.add(new Result(name, false, String.valueOf(e.getMessage())));
            }
        }
        return results;
    }

    private static List<Check> checks(Operator op, int arity) {
        String n = op.name();
        List<Check> checks = new ArrayList<>();
        for (long[] shape : SHAPES) {
            checks.add(new Check(n + ": forward matches reference, float32 " + Arrays.toString(shape),
                    () -> forwardMatchesReference(op, arity, DType.FLOAT32, shape)));
        }
        checks.add(new Check(n + ": forward matches reference, float64 [3, 5]",
                () -> forwardMatchesReference(op, arity, DType.FLOAT64, new long[] {3, 5})));
        checks.add(new Check(n + ": gradcheck, float64 [3, 4]", () -> gradcheck(op, arity)));
        checks.add(new Check(n + ": deterministic for a seed", () -> deterministic(op, arity)));
        checks.add(new Check(n + ": same results from " + THREADS + " threads at once", () -> threadSafe(op, arity)));
        return checks;
    }

    /** The declared arity, or the first of 1, 2, 3 inputs the operator accepts. */
    static int arityOf(Operator op) {
        if (op.arity() > 0) {
            return op.arity();
        }
        Throwable last = null;
        for (int n = 1; n <= 3; n++) {
            try {
                Tensor.apply(op, inputs(n, DType.FLOAT32, new long[] {3, 5}, SEED));
                return n;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new AssertionError(op.name() + ": it accepts neither 1, 2 nor 3 inputs of shape [3, 5] (last error: " + last
                + "); declare Operator.arity()");
    }

    private static Tensor[] inputs(int arity, DType dtype, long[] shape, long seed) {
        Tensor.manualSeed(seed);
        Tensor[] in = new Tensor[arity];
        for (int i = 0; i < arity; i++) {
            in[i] = Tensor.randn(dtype, shape);
        }
        return in;
    }

    private static void forwardMatchesReference(Operator op, int arity, DType dtype, long[] shape) {
        Tensor[] in = inputs(arity, dtype, shape, SEED);
        EngineRuntime engine = EngineRuntime.get();
        Backend inUse = engine.backendFor("cpu");
        double[] candidate = Tensor.apply(op, in).toDoubleArray();
        double[] reference;
        try (var scope = engine.useBackend(REFERENCE)) {
            reference = Tensor.apply(op, in).toDoubleArray();
        }
        // One rounding of the result, plus a few for the reference's chain of elementwise operations.
        double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
        assertClose(op.name() + " on " + inUse.name() + " vs " + REFERENCE + ", " + dtype + " " + Arrays.toString(shape),
                reference, candidate, tol, tol * 10);
    }

    private static void gradcheck(Operator op, int arity) {
        Tensor[] in = inputs(arity, DType.FLOAT64, new long[] {3, 4}, SEED + 1);
        List<GradCheck.Mismatch> bad = GradCheck.check(x -> Tensor.apply(op, x), in);
        if (!bad.isEmpty()) {
            throw new AssertionError(op.name() + ": gradient differs from finite differences at " + bad.size()
                    + " element(s); first: " + bad.subList(0, Math.min(3, bad.size())));
        }
    }

    /** The output and every input's gradient, for fixed inputs. */
    private static double[][] forwardAndBackward(Operator op, double[][] data, long[] shape) {
        Tensor[] leaves = new Tensor[data.length];
        for (int i = 0; i < data.length; i++) {
            leaves[i] = Tensor.of(data[i], shape).requiresGrad(true);
        }
        Tensor out = Tensor.apply(op, leaves);
        out.sum().backward();
        double[][] result = new double[data.length + 1][];
        result[0] = out.toDoubleArray();
        for (int i = 0; i < leaves.length; i++) {
            result[i + 1] = leaves[i].grad() == null ? new double[0] : leaves[i].grad().toDoubleArray();
        }
        return result;
    }

    private static double[][] seededData(int arity, long[] shape, long seed) {
        Tensor[] in = inputs(arity, DType.FLOAT64, shape, seed);
        double[][] data = new double[arity][];
        for (int i = 0; i < arity; i++) {
            data[i] = in[i].toDoubleArray();
        }
        return data;
    }

    private static void deterministic(Operator op, int arity) {
        long[] shape = {4, 6};
        double[][] first = forwardAndBackward(op, seededData(arity, shape, SEED + 2), shape);
        double[][] second = forwardAndBackward(op, seededData(arity, shape, SEED + 2), shape);
        for (int i = 0; i < first.length; i++) {
            if (!Arrays.equals(first[i], second[i])) {
                throw new AssertionError(op.name() + ": two runs with seed " + (SEED + 2) + " differ in "
                        + (i == 0 ? "the output" : "the gradient of input " + (i - 1)));
            }
        }
    }

    private static void threadSafe(Operator op, int arity) {
        long[] shape = {16, 33};
        double[][] data = seededData(arity, shape, SEED + 3);
        double[][] expected = forwardAndBackward(op, data, shape);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<double[][]>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS * 4; t++) {
                runs.add(pool.submit(() -> forwardAndBackward(op, data, shape)));
            }
            for (Future<double[][]> run : runs) {
                double[][] got = run.get();
                for (int i = 0; i < expected.length; i++) {
                    if (!Arrays.equals(expected[i], got[i])) {
                        throw new AssertionError(op.name() + ": a run on one of " + THREADS + " threads gave a different "
                                + (i == 0 ? "output" : "gradient of input " + (i - 1)) + " than a run alone");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(op.name() + ": a run on " + THREADS + " threads failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertClose(String what, double[] expected, double[] actual, double atol, double rtol) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + actual.length + " elements, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean same = Double.compare(e, a) == 0 || Math.abs(e - a) <= atol + rtol * Math.abs(e);
            if (!same) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", reference " + e);
            }
        }
    }
}
