package org.myelin.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.myelin.api.spi.Backend;

/**
 * The conformance suite every {@link Backend} runs against the {@code reference} backend
 * ({@link KernelPack#reference()}), with the fused kernels each registers. It puts both
 * packs through the same cases, one per primitive, type and situation, and compares what they
 * compute: inputs on random shapes from a fixed seed, broadcast by stride 0 (size-1 and missing
 * leading axes), odd and prime sizes that reach vector tails, size-0 and size-1 axes, scalars,
 * transposed and sliced views inside larger buffers, outputs aliasing inputs, in FLOAT32 and FLOAT64
 * (and INT64 where it means something). Operands travel through each backend's own upload and
 * download. The kit needs no test framework; a backend's JUnit test needs one line:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return BackendConformance.against(new CpuSimdBackend()).map(c -> DynamicTest.dynamicTest(c.name(), c::run));
 * }
 * }</pre>
 *
 * A backend that needs hardware this machine may lack should first skip with
 * {@code Assumptions.assumeTrue(backend.unavailableReason().isEmpty(), ...)}; otherwise its
 * unavailability fails as one check that gives the reason.
 */
public final class BackendConformance {

    private BackendConformance() {}

    /**
     * The outcome of {@link #run}.
     *
     * @param backend  the candidate's name
     * @param passed   how many cases agreed with the reference
     * @param failed   how many did not
     * @param failures one message per failed case: the case's name, what differed, and the operands' layouts
     */
    public record Report(String backend, int passed, int failed, List<String> failures) {

        /**
         * Copies the failures, so a report never changes once made.
         *
         * @param backend  the candidate's name
         * @param passed   cases that agreed
         * @param failed   cases that did not
         * @param failures their messages
         */
        public Report {
            failures = List.copyOf(failures);
        }

        /** @return true when every case passed */
        public boolean ok() {
            return failed == 0;
        }

        /** @return the number of cases run */
        public int total() {
            return passed + failed;
        }

        /** @return one line, such as {@code cpu-simd: 512 of 512 conformance cases pass} */
        public String summary() {
            return backend + ": " + passed + " of " + total() + " conformance cases pass"
                    + (ok() ? "" : ", " + failed + " fail");
        }
    }

    /**
     * One named check of a candidate backend.
     *
     * @param name the case, such as {@code binary ADD float32 [3,1,5]x[4,5] broadcast}
     * @param body runs the case on both backends and throws {@link AssertionError} when they differ
     */
    public record Check(String name, Runnable body) {
        /** Runs the check. @throws AssertionError naming what differed */
        public void run() {
            body.run();
        }
    }

    /**
     * One check per case, for any test framework. When the candidate is unavailable here (no GPU,
     * say), the stream holds one check that fails with the reason.
     *
     * @param candidate the backend under test
     * @return the checks, in a fixed order
     */
    public static Stream<Check> against(Backend candidate) {
        return against(KernelPack.of(candidate));
    }

    /**
     * As {@link #against(Backend)}, for a pack whose fused kernels are given rather than found.
     *
     * @param pack the backend under test and its fused kernels
     * @return the checks, in a fixed order
     */
    public static Stream<Check> against(KernelPack pack) {
        Backend candidate = pack.backend();
        Optional<String> unavailable = candidate.unavailableReason();
        if (unavailable.isPresent()) {
            return Stream.of(new Check(candidate.name() + " is unavailable", () -> {
                throw new AssertionError(candidate.name() + " is unavailable: " + unavailable.get());
            }));
        }
        KernelPack reference = KernelPack.reference();
        return ConformanceCases.all().stream().map(c -> new Check(c.name(),
                () -> c.check(reference, pack).ifPresent(message -> {
                    throw new AssertionError(message);
                })));
    }

    /**
     * Runs every case without JUnit, for a command line. An unavailable candidate fails as one case
     * whose message gives the reason.
     *
     * @param candidate the backend under test
     * @return how many cases passed and failed, and why each failure failed
     */
    public static Report run(Backend candidate) {
        return run(KernelPack.of(candidate), name -> true);
    }

    /**
     * Runs the cases whose names pass a filter, such as one primitive's.
     *
     * @param pack      the backend under test and its fused kernels
     * @param caseNames which case names to run
     * @return how many of those passed and failed
     */
    static Report run(KernelPack pack, Predicate<String> caseNames) {
        Backend candidate = pack.backend();
        Optional<String> unavailable = candidate.unavailableReason();
        if (unavailable.isPresent()) {
            return new Report(candidate.name(), 0, 1, List.of(candidate.name() + " is unavailable: " + unavailable.get()));
        }
        KernelPack reference = KernelPack.reference();
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (ConformanceCase c : ConformanceCases.all()) {
            if (!caseNames.test(c.name())) {
                continue;
            }
            Optional<String> failure = c.check(reference, pack);
            if (failure.isPresent()) {
                failures.add(failure.get());
            } else {
                passed++;
            }
        }
        return new Report(candidate.name(), passed, failures.size(), failures);
    }
}
