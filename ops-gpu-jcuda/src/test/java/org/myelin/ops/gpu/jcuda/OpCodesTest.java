package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.UnaryOp;

/** Kernels receive enum ordinals and DType codes; the CUDA defines must still agree with the Java enums. */
class OpCodesTest {

    private static Map<String, Integer> defines(String file, String prefix) {
        Map<String, Integer> found = new HashMap<>();
        Matcher m = Pattern.compile("#define " + prefix + "([A-Z0-9]+) (\\d+)").matcher(KernelSources.source(file));
        while (m.find()) {
            found.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return found;
    }

    private static <E extends Enum<E>> void same(Class<E> type, Map<String, Integer> defines, String prefix) {
        assertEquals(type.getEnumConstants().length, defines.size(), prefix + " defines vs " + type.getSimpleName());
        for (E e : type.getEnumConstants()) {
            assertEquals(e.ordinal(), defines.get(e.name()), prefix + e.name());
        }
    }

    @Test
    void elementwiseCodesAreTheOrdinals() {
        same(UnaryOp.class, defines("elementwise.cu", "UNARY_"), "UNARY_");
        same(BinaryOp.class, defines("elementwise.cu", "BINARY_"), "BINARY_");
        same(CompareOp.class, defines("elementwise.cu", "COMPARE_"), "COMPARE_");
    }

    @Test
    void reduceCodesAreTheOrdinals() {
        same(ReduceOp.class, defines("reduce.cu", "REDUCE_"), "REDUCE_");
    }

    @Test
    void dtypeCodesMatchTheHeader() {
        Map<String, Integer> dt = defines(KernelSources.HEADER, "DT_");
        assertEquals(Geometry.code(DType.FLOAT32), (long) dt.get("F32"));
        assertEquals(Geometry.code(DType.FLOAT64), (long) dt.get("F64"));
        assertEquals(Geometry.code(DType.INT64), (long) dt.get("I64"));
        Map<String, Integer> limits = defines(KernelSources.HEADER, "MAX_");
        assertEquals(Geometry.MAX_RANK, (int) limits.get("RANK"));
        assertEquals(Geometry.MAX_OPS, (int) limits.get("OPS"));
    }
}
