package org.myelin.api.spi;

/**
 * Walks a shape in row-major order while tracking, for several views at once, the buffer position
 * of the current element: the loop of a plain kernel. Read {@link #position(int)} for each view
 * and call {@link #next()}. A stride of 0 keeps a view on one element along that axis, which is all
 * broadcasting needs.
 *
 * <pre>{@code
 * StridedWalk it = StridedWalk.over("exp", out, x);
 * for (long n = it.count(); n > 0; n--, it.next()) {
 *     o.set(it.position(0), Math.exp(xb.get(it.position(1))));
 * }
 * }</pre>
 */
public final class StridedWalk {
    private final long[] shape;
    private final long[][] strides;
    private final long[] positions;
    private final long[] index;
    private final long count;

    /**
     * @param shape   the sizes walked
     * @param offsets each view's first position
     * @param strides each view's strides, of the shape's rank
     */
    public StridedWalk(long[] shape, long[] offsets, long[][] strides) {
        this.shape = shape;
        this.strides = strides;
        this.positions = offsets.clone();
        this.index = new long[shape.length];
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        this.count = n;
    }

    /**
     * Walks {@code out}'s shape with {@code out} as view 0 and the inputs, broadcast to that shape
     * ({@link Strided#broadcastStrides}), as views 1, 2, ...
     *
     * @param kernel the kernel, for messages
     * @param out    the output view
     * @param inputs the input views
     * @return the walk
     */
    public static StridedWalk over(String kernel, Strided out, Strided... inputs) {
        long[] offsets = new long[inputs.length + 1];
        long[][] strides = new long[inputs.length + 1][];
        offsets[0] = out.offset();
        strides[0] = out.strides();
        for (int i = 0; i < inputs.length; i++) {
            offsets[i + 1] = inputs[i].offset();
            strides[i + 1] = Strided.broadcastStrides(kernel + " (input " + (i + 1) + ")", inputs[i].shape(),
                    inputs[i].strides(), out.shape());
        }
        return new StridedWalk(out.shape(), offsets, strides);
    }

    /** @return how many elements the walk visits: 0 when a size is 0, 1 for rank 0 */
    public long count() {
        return count;
    }

    /** @param view a view's number, in the order given @return its buffer position of the current element */
    public long position(int view) {
        return positions[view];
    }

    /** @return the current multi-index; read only */
    public long[] index() {
        return index;
    }

    /** Moves to the next element in row-major order (wrapping to the first after the last). */
    public void next() {
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis]++;
            for (int v = 0; v < positions.length; v++) {
                positions[v] += strides[v][axis];
            }
            if (index[axis] < shape[axis]) {
                return;
            }
            for (int v = 0; v < positions.length; v++) {
                positions[v] -= strides[v][axis] * shape[axis];
            }
            index[axis] = 0;
        }
    }
}
