package org.myelin.train;

/**
 * One training step, as {@link TrainerCallback#onStep} sees it, after the optimizer's step.
 *
 * @param epoch      the epoch, counted from 1
 * @param step       the step within the epoch, counted from 1
 * @param steps      the steps in this epoch
 * @param globalStep the steps since the run began, this one included
 * @param loss       this step's loss
 * @param meanLoss   the mean loss of the epoch so far
 * @param examples   the examples seen in this epoch so far
 */
public record StepMetrics(int epoch, long step, long steps, long globalStep, double loss, double meanLoss, long examples) {}
