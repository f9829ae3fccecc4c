package org.myelin.api.spi;

import java.util.Optional;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.OpContext;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;

/**
 * What an operator that runs kernels sees besides its {@link OpContext}: the backend chosen for its
 * device, memory views of its tensors, allocation, and the kernels that a {@link KernelProvider}
 * registered for it. The engine gives every operator one; get it with {@link #of(OpContext)}.
 */
public interface KernelContext extends OpContext {

    /**
     * @param ctx the context an operator was given
     * @return it, as the kernel-level context the engine made
     * @throws InvalidArgumentException when the engine gave a plain context
     */
    static KernelContext of(OpContext ctx) {
        if (ctx instanceof KernelContext k) {
            return k;
        }
        throw new InvalidArgumentException("operator '" + ctx.operator() + "' needs kernels, but its context ("
                + ctx.getClass().getName() + ") does not give them; run it through the Myelin engine");
    }

    /** @return the backend chosen for the inputs' device */
    Backend backend();

    /** @return that backend's primitive kernels */
    default Kernels kernels() {
        return backend().kernels();
    }

    /**
     * A kernel that a {@link KernelProvider} registered for this operator and backend.
     *
     * @param type the kernel's interface
     * @param <K>  that type
     * @return the kernel, or empty when this backend has none and the operator must fall back
     */
    <K> Optional<K> kernel(Class<K> type);

    /**
     * @param dtype the element type
     * @param shape the sizes
     * @return a new zero-filled contiguous tensor on the operator's device, for kernels to write
     */
    Tensor allocate(DType dtype, Shape shape);

    /**
     * @param tensor a tensor of this device
     * @return its memory view, for kernels
     */
    Strided strided(Tensor tensor);

    /**
     * @param tensor a tensor of this device
     * @param target a shape it broadcasts to
     * @return its memory view read as {@code target}, with stride 0 on broadcast axes
     */
    default Strided strided(Tensor tensor, Shape target) {
        return strided(tensor).broadcastTo(operator(), target.toArray());
    }

    /**
     * A view of {@code base}'s memory, for operators that return views (reshape, transpose, slice).
     *
     * @param base    the tensor whose storage is shared
     * @param offset  the index of the view's first element in that storage
     * @param shape   the view's sizes
     * @param strides the view's strides, in elements
     * @return the view, outside the graph
     */
    Tensor view(Tensor base, long offset, Shape shape, long[] strides);

    /**
     * @param tensor a tensor
     * @param device another device
     * @return a copy there, made by that device's backend, outside the graph
     */
    Tensor transfer(Tensor tensor, Device device);
}
