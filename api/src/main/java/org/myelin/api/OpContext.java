package org.myelin.api;

import java.util.Optional;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.KernelProvider;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/** What the engine gives an {@link Operator} while it runs forward and backward. */
public interface OpContext {

    /** @return the operator's name */
    String operator();

    /** @return the attributes it was called with */
    Attrs attrs();

    /** @return the device of the inputs */
    Device device();

    /** @return the backend chosen for that device */
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

    /** @param tensors tensors that backward needs; their versions are checked when they are read back */
    void saveForBackward(Tensor... tensors);

    /**
     * @param index the position given to {@link #saveForBackward}
     * @return the saved tensor
     * @throws org.myelin.api.AutogradException when it was changed in place after it was saved
     */
    Tensor saved(int index);

    /** @return the number of input tensors */
    int inputCount();

    /**
     * @param index an input's position
     * @return its shape
     */
    Shape inputShape(int index);

    /**
     * @param index an input's position
     * @return its type
     */
    DType inputDType(int index);

    /**
     * @param index an input's position
     * @return whether a gradient is wanted for it
     */
    boolean needsInputGrad(int index);

    /**
     * @param key a name
     * @param value a non-tensor value for backward, such as a resolved axis
     */
    void put(String key, Object value);

    /**
     * @param key a name
     * @return the value put under it, or null
     */
    Object get(String key);
}
