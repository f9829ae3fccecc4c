package org.myelin.data;

import org.myelin.api.Tensor;

/** Indexed examples: an input and a target for each index, as PyTorch's map-style Dataset. */
public interface Dataset {

    /** @return the number of examples */
    long size();

    /**
     * @param index an example's position, from 0
     * @return its input and target
     */
    Example get(long index);

    /**
     * One example.
     *
     * @param input  the input
     * @param target the target
     */
    record Example(Tensor input, Tensor target) {}
}
