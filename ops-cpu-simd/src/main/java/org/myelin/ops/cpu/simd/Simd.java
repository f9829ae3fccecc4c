package org.myelin.ops.cpu.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one start-up decision between Vector API kernels and their scalar fallback, made once as in
 * Lucene's vectorization provider: every kernel tests the constant {@link #ENABLED}, which the JIT
 * folds away, so the choice costs nothing in hot loops. The scalar path is the very code that
 * handles vector tails, so both paths are exercised by every test.
 */
final class Simd {
    /** The float species, or null when the Vector API could not be initialised. */
    static final VectorSpecies<Float> F;
    /** The double species, or null when the Vector API could not be initialised. */
    static final VectorSpecies<Double> D;
    /** Floats per vector (8 when SIMD is off, so block sizes stay sensible). */
    static final int FL;
    /** Doubles per vector (4 when SIMD is off). */
    static final int DL;
    /** True when the Vector API kernels run; false selects the scalar fallback. */
    static final boolean ENABLED;
    /**
     * Vector registers the JIT can allocate: 32 with AVX-512 or on AArch64, else 16 (AVX2, SSE).
     * The matmul micro-kernel's height follows it, so its accumulators never spill.
     */
    static final int REGISTERS;
    /** Why the Vector API cannot be used at all, or null when it initialised. */
    static final String UNAVAILABLE;
    /** Why the scalar fallback was chosen although the Vector API works, or null. */
    static final String SCALAR_REASON;

    static {
        VectorSpecies<Float> f = null;
        VectorSpecies<Double> d = null;
        String unavailable = null;
        try {
            f = FloatVector.SPECIES_PREFERRED;
            d = DoubleVector.SPECIES_PREFERRED;
            // Exercise it once, so a broken runtime shows up here and not in the middle of a kernel.
            float[] probe = new float[f.length()];
            FloatVector.broadcast(f, 3f).fma(FloatVector.broadcast(f, 2f), FloatVector.broadcast(f, 1f))
                    .intoArray(probe, 0);
            if (probe[f.length() - 1] != 7f) {
                unavailable = "Vector API self-test gave a wrong result";
            }
        } catch (Throwable t) {
            unavailable = "Vector API (jdk.incubator.vector) cannot be initialised: " + t;
        }
        String scalar = null;
        if (unavailable != null) {
            f = null;
            d = null;
        } else if ("false".equalsIgnoreCase(System.getProperty("myelin.simd", "true"))) {
            scalar = "disabled by -Dmyelin.simd=false";
        } else if (f.vectorBitSize() < 128) {
            scalar = "preferred vector is only " + f.vectorBitSize() + " bits";
        } else if (String.valueOf(System.getProperty("java.vm.info")).contains("interpreted")) {
            // Without the C2 compiler the Vector API runs as boxed Java code: far slower than scalar loops.
            scalar = "the JVM runs interpreted, where the Vector API is not compiled";
        }
        F = f;
        D = d;
        UNAVAILABLE = unavailable;
        SCALAR_REASON = scalar;
        ENABLED = unavailable == null && scalar == null;
        String arch = System.getProperty("os.arch", "");
        REGISTERS = ENABLED && (f.vectorBitSize() >= 512 || arch.equals("aarch64")) ? 32 : 16;
        FL = ENABLED ? f.length() : 8;
        DL = ENABLED ? d.length() : 4;
    }

    private Simd() {}

    /** @return a one-line account of what the kernels use */
    static String describe() {
        if (UNAVAILABLE != null) {
            return UNAVAILABLE;
        }
        if (!ENABLED) {
            return "scalar fallback (" + SCALAR_REASON + ")";
        }
        return "Vector API FloatVector " + F.vectorBitSize() + "-bit (" + F.length() + " lanes), FMA";
    }
}
