package org.myelin.api;

/** Updates parameters from their gradients. Built by name through an {@code OptimizerProvider}. */
public interface Optimizer {

    /** Clears the gradients of every parameter this optimizer updates. */
    void zeroGrad();

    /** Applies one update from the current gradients, without recording a graph. */
    void step();

    /** @return the current learning rate */
    double learningRate();

    /** @param learningRate the new learning rate, for schedules */
    void setLearningRate(double learningRate);
}
