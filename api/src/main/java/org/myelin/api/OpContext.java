package org.myelin.api;

/**
 * What the engine gives an {@link Operator} while it runs forward and backward: its attributes,
 * its inputs' shapes and types, and a place for what backward needs. Operators that run kernels
 * of their own get more through {@code org.myelin.api.spi.KernelContext}.
 */
public interface OpContext {

    /** @return the operator's name */
    String operator();

    /** @return the attributes it was called with, the schema's defaults behind them */
    Attrs attrs();

    /** @return the device of the inputs */
    Device device();

    /**
     * Keeps tensors for backward. Save inputs and outputs (not other values made in forward) so a
     * gradient computed from them can itself be differentiated.
     *
     * @param tensors tensors that backward needs; their versions are checked when they are read back
     */
    void saveForBackward(Tensor... tensors);

    /**
     * @param index the position given to {@link #saveForBackward}
     * @return the saved tensor
     * @throws AutogradException when it was changed in place after it was saved
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
