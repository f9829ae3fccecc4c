package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;

/**
 * One shape-and-layout situation for a kernel whose inputs and output share a shape. The standard
 * list covers what kernels most often get wrong: a scalar, a long odd length (vector tails), a
 * transposed input, a sliced input and output (offset and step), size-0 and size-1 axes.
 *
 * @param label  how the situation reads in a test name
 * @param shape  the sizes
 * @param input  the inputs' layout
 * @param output the output's layout
 */
record Scenario(String label, long[] shape, Layout input, Layout output) {

    /** The floating types every numeric kernel is checked in. */
    static final List<DType> FLOATS = List.of(DType.FLOAT32, DType.FLOAT64);

    /** Every element type. */
    static final List<DType> ALL_TYPES = List.of(DType.FLOAT32, DType.FLOAT64, DType.INT64);

    /** @param m the suite's view maker, whose generator picks the sizes @return the standard situations */
    static List<Scenario> standard(ViewMaker m) {
        long[] line = {m.pick(31, 67, 257, 1031)};
        long[] matrix = {m.pick(7, 13, 31), m.pick(5, 13, 67)};
        long[] cube = {m.pick(2, 3), m.pick(5, 7), m.pick(13, 31)};
        long[] empty = m.random().nextBoolean() ? new long[] {0, m.pick(3, 7)} : new long[] {m.pick(2, 5), 0, 3};
        long[] ones = {1, m.pick(13, 31), 1};
        return List.of(
                new Scenario("[] scalar", new long[0], Layout.CONTIGUOUS, Layout.CONTIGUOUS),
                new Scenario(Names.shape(line), line, Layout.CONTIGUOUS, Layout.CONTIGUOUS),
                new Scenario(Names.shape(matrix) + " transposed", matrix, Layout.TRANSPOSED, Layout.CONTIGUOUS),
                new Scenario(Names.shape(cube) + " sliced in and out", cube, Layout.SLICED, Layout.SLICED),
                new Scenario(Names.shape(empty) + " empty", empty, Layout.CONTIGUOUS, Layout.CONTIGUOUS),
                new Scenario(Names.shape(ones) + " size-1 axes, offset", ones, Layout.OFFSET, Layout.OFFSET));
    }

    /** @param parts words, some maybe empty @return them joined by single spaces */
    static String name(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : " ").append(p);
            }
        }
        return sb.toString();
    }
}
