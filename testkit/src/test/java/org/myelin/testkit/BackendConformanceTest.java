package org.myelin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.DType;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.Strided;

/** The suite run on the reference itself, and on deliberately broken backends it must catch. */
class BackendConformanceTest {

    @TestFactory
    Stream<DynamicTest> referenceConformsToItself() {
        return BackendConformance.against(KernelPack.reference()).map(c -> DynamicTest.dynamicTest(c.name(), c::run));
    }

    @Test
    void runSharesTheCaseListAndReportsAllPassing() {
        BackendConformance.Report report = BackendConformance.run(KernelPack.reference().backend());
        assertTrue(report.ok(), () -> String.join("\n", report.failures()));
        assertEquals(ConformanceCases.all().size(), report.total());
        assertEquals(BackendConformance.against(KernelPack.reference()).count(), report.total());
        assertTrue(report.summary().startsWith("reference: "));
    }

    @Test
    void caseNamesAreUniqueAndCoverEveryPrimitive() {
        List<String> names = ConformanceCases.all().stream().map(ConformanceCase::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size());
        Set<String> primitives = names.stream().map(n -> n.split(" ")[0]).collect(Collectors.toSet());
        for (String p : List.of("fill", "copy", "arange", "unary", "binary", "binaryScalar", "compare", "where", "reduce",
                "argReduce", "matmul", "softmax", "randomUniform", "randomNormal", "gather", "scatterAdd", "sgdStep",
                "adamStep", "memory")) {
            assertTrue(primitives.contains(p), p);
        }
        assertTrue(names.stream().anyMatch(n -> n.matches("binary ADD float32 \\[\\d+,1,\\d+]x\\[\\d+,\\d+] broadcast")),
                "a broadcast case named like 'binary ADD float32 [3,1,5]x[4,5] broadcast'");
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        // Names carry the randomly drawn sizes, so equal names mean equal draws.
        assertEquals(ConformanceCases.all().stream().map(ConformanceCase::name).toList(),
                ConformanceCases.build().stream().map(ConformanceCase::name).toList());
    }

    @Test
    void catchesAnAddThatIsSlightlyOff() {
        Backend broken = new SwappedKernelsBackend(k -> new ForwardingKernels(k) {
            @Override
            public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
                inner.binary(op, a, b, out);
                if (op == BinaryOp.ADD && out.dtype() == DType.FLOAT64 && out.numel() > 3) {
                    // Nudges one element by 1e-9, far beyond FLOAT64's tolerance.
                    Strided one = new Strided(out.buffer(), out.offset() + 3 * out.stride(out.rank() - 1), new long[0], new long[0]);
                    inner.binaryScalar(BinaryOp.ADD, one, 1e-9, one);
                }
            }
        });
        BackendConformance.Report report = BackendConformance.run(broken);
        assertFalse(report.ok());
        assertTrue(report.failures().stream().allMatch(f -> f.startsWith("binary ADD float64")), report.failures()::toString);
        String failure = report.failures().get(0);
        assertTrue(failure.contains("first mismatch at index [") && failure.contains("expected ")
                && failure.contains(" but got ") && failure.contains("strides"), failure);
    }

    @Test
    void catchesAWriteOutsideTheView() {
        Backend broken = new SwappedKernelsBackend(k -> new ForwardingKernels(k) {
            @Override
            public void fill(Strided out, double value) {
                inner.fill(out, value);
                if (out.offset() > 0) {
                    inner.fill(new Strided(out.buffer(), 0, new long[0], new long[0]), value);
                }
            }
        });
        BackendConformance.Report report = BackendConformance.run(broken);
        assertTrue(report.failures().stream().anyMatch(f -> f.contains("outside the view")), report.failures()::toString);
    }

    @Test
    void anUnavailableBackendFailsWithTheReason() {
        Backend absent = new SwappedKernelsBackend(ForwardingKernels::new) {
            @Override
            public Optional<String> unavailableReason() {
                return Optional.of("no such device");
            }
        };
        List<BackendConformance.Check> checks = BackendConformance.against(absent).toList();
        assertEquals(1, checks.size());
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, checks.get(0)::run);
        assertTrue(e.getMessage().contains("no such device"));
        BackendConformance.Report report = BackendConformance.run(absent);
        assertEquals(1, report.failed());
        assertTrue(report.failures().get(0).contains("no such device"));
    }
}
