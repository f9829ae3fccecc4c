package org.myelin.api;

import java.util.List;

/**
 * A function of one tensor with learnable parameters: the contract that {@code nn}'s modules and
 * plugins' layers share, so a model can be assembled from layers found by name.
 */
public interface Layer {

    /**
     * @param input the input batch
     * @return the output
     */
    Tensor forward(Tensor input);

    /** @return the learnable parameters, in registration order */
    List<Tensor> parameters();

    /** @param training true for training behaviour (dropout on), false for evaluation */
    void setTraining(boolean training);
}
