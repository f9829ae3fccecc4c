package org.myelin.testkit;

import java.util.Locale;
import java.util.StringJoiner;
import org.myelin.api.DType;

/** The compact spellings used in conformance test names: {@code float32}, {@code [3,1,5]}. */
final class Names {
    private Names() {}

    /** @param dtype a type @return its lower-case name, as PyTorch spells it */
    static String dtype(DType dtype) {
        return dtype.name().toLowerCase(Locale.ROOT);
    }

    /** @param shape sizes @return them in brackets without spaces; {@code []} for a scalar */
    static String shape(long[] shape) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /** @param index a multi-index @return it in brackets, as a shape is written */
    static String index(long[] index) {
        return shape(index);
    }
}
