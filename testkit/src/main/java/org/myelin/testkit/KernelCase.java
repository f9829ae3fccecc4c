package org.myelin.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.myelin.api.Device;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * A conformance case that runs kernels on operands uploaded to each backend, downloads every
 * buffer, and compares: written views against the reference within a {@link Tolerance}, and
 * everything else (inputs, and buffer elements outside written views) against what was uploaded,
 * exactly. A case may instead expect the kernels to reject their arguments.
 */
final class KernelCase implements ConformanceCase {

    /** Calls the kernels under test on the uploaded views, in the order the operands were added. */
    @FunctionalInterface
    interface Invocation {
        /** @param kernels a backend's kernels @param views its views of the operands */
        void invoke(Kernels kernels, Strided[] views);
    }

    /**
     * Calls one of the pack's fused kernels ({@link org.myelin.api.spi.FusedKernels}) on the views.
     *
     * @param <K> the fused kernel's interface
     */
    @FunctionalInterface
    interface FusedInvocation<K> {
        /** @param kernel a pack's fused kernel @param views its views of the operands */
        void invoke(K kernel, Strided[] views);
    }

    /**
     * @param role    the operand's name in messages, such as {@code a} or {@code out}
     * @param view    its host values and layout
     * @param written whether the kernels write it
     */
    record Operand(String role, HostView view, boolean written) {}

    private record Outcome(double[][] buffers, Throwable error) {}

    private final String name;
    private final List<Operand> operands;
    private final Invocation invocation;
    /** The fused kernel the case calls instead, or null when it calls primitives. */
    private final Class<?> fused;
    private final FusedInvocation<Object> fusedInvocation;
    private final Tolerance tolerance;
    private final Class<? extends RuntimeException> expectedError;
    private final String errorMustMention;

    @SuppressWarnings("unchecked")
    private KernelCase(Builder b, Invocation invocation, Class<?> fused, FusedInvocation<?> fusedInvocation) {
        this.name = b.name;
        this.fused = fused;
        this.fusedInvocation = (FusedInvocation<Object>) fusedInvocation;
        this.operands = List.copyOf(b.operands);
        this.invocation = invocation;
        this.tolerance = b.tolerance;
        this.expectedError = b.expectedError;
        this.errorMustMention = b.errorMustMention;
    }

    /** @param name the test name @return a builder */
    static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> check(KernelPack reference, KernelPack candidate) {
        if (fused != null && candidate.fused(fused) == null) {
            return Optional.empty(); // the pack brings no such kernel: its operators fall back to primitives
        }
        Outcome expected = execute(reference);
        Outcome actual = execute(candidate);
        if (expectedError != null) {
            return checkRejected(expected, actual);
        }
        if (expected.error() != null) {
            return fail("the reference backend failed (a testkit bug): " + describe(expected.error()));
        }
        if (actual.error() != null) {
            return fail("threw " + describe(actual.error()));
        }
        for (int i = 0; i < operands.size(); i++) {
            Optional<String> problem = OutputComparison.compare(operands.get(i), expected.buffers()[i],
                    actual.buffers()[i], tolerance);
            if (problem.isPresent()) {
                return fail(problem.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkRejected(Outcome expected, Outcome actual) {
        String wanted = expectedError.getSimpleName() + " mentioning '" + errorMustMention + "'";
        if (!rejectedAsWanted(expected.error())) {
            return fail("the reference backend did not throw " + wanted + " (a testkit bug); got "
                    + (expected.error() == null ? "no error" : describe(expected.error())));
        }
        if (actual.error() == null) {
            return fail("expected " + wanted + ", but the call returned normally");
        }
        if (!rejectedAsWanted(actual.error())) {
            return fail("expected " + wanted + ", got " + describe(actual.error()));
        }
        return Optional.empty();
    }

    private boolean rejectedAsWanted(Throwable error) {
        return expectedError.isInstance(error) && String.valueOf(error.getMessage()).contains(errorMustMention);
    }

    private Outcome execute(KernelPack pack) {
        Backend backend = pack.backend();
        Device device = new Device(backend.deviceType(), 0);
        Buffer[] buffers = new Buffer[operands.size()];
        Strided[] views = new Strided[operands.size()];
        try {
            for (int i = 0; i < views.length; i++) {
                HostView v = operands.get(i).view();
                buffers[i] = Transfers.upload(backend, v, device);
                // Copies of shape and strides: a kernel that changed them would otherwise corrupt the case.
                views[i] = new Strided(buffers[i], v.offset(), v.shape().clone(), v.strides().clone());
            }
            if (fused == null) {
                invocation.invoke(backend.kernels(), views);
            } else {
                fusedInvocation.invoke(pack.fused(fused), views);
            }
            for (int i = 0; i < views.length; i++) {
                HostView v = operands.get(i).view();
                if (!Arrays.equals(views[i].shape(), v.shape()) || !Arrays.equals(views[i].strides(), v.strides())) {
                    throw new AssertionError("the kernel changed the shape or strides array of " + operands.get(i).role());
                }
            }
            double[][] contents = new double[views.length][];
            for (int i = 0; i < views.length; i++) {
                contents[i] = Transfers.download(backend, buffers[i]);
            }
            return new Outcome(contents, null);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            return new Outcome(null, e);
        }
    }

    private Optional<String> fail(String what) {
        StringBuilder sb = new StringBuilder(name).append(": ").append(what);
        for (Operand o : operands) {
            sb.append("\n  ").append(o.written() ? "output " : "input ").append(o.role()).append(": ")
                    .append(o.view().layout()).append(" (from ").append(o.view().origin()).append(')');
        }
        return Optional.of(sb.toString());
    }

    private static String describe(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return t.getClass().getName() + ": " + t.getMessage() + (trace.length > 0 ? " at " + trace[0] : "");
    }

    /** Collects operands in order; {@link #run} fixes what the case does with them. */
    static final class Builder {
        private final String name;
        private final List<Operand> operands = new ArrayList<>();
        private Tolerance tolerance = Tolerance.EXACT;
        private Class<? extends RuntimeException> expectedError;
        private String errorMustMention;

        private Builder(String name) {
            this.name = name;
        }

        /** @param role its name @param view the operand @return its position in the views array */
        int input(String role, HostView view) {
            operands.add(new Operand(role, view, false));
            return operands.size() - 1;
        }

        /** @param role its name @param view the operand, with its values before the call @return its position */
        int output(String role, HostView view) {
            operands.add(new Operand(role, view, true));
            return operands.size() - 1;
        }

        /** @param t how close written values must be @return this builder */
        Builder tolerance(Tolerance t) {
            this.tolerance = t;
            return this;
        }

        /** @param type the exception the kernels must throw @param mention text its message must contain @return this */
        Builder rejects(Class<? extends RuntimeException> type, String mention) {
            this.expectedError = type;
            this.errorMustMention = mention;
            return this;
        }

        /** @param invocation the kernel calls @return the case */
        KernelCase run(Invocation invocation) {
            return new KernelCase(this, invocation, null, null);
        }

        /**
         * @param type the fused kernel's interface
         * @param invocation the call of the pack's kernel of that type
         * @param <K> that type
         * @return the case; it passes a pack that has no such kernel
         */
        <K> KernelCase runFused(Class<K> type, FusedInvocation<K> invocation) {
            return new KernelCase(this, null, type, invocation);
        }
    }
}
