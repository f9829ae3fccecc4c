package org.myelin.distributed.spark;

import java.io.Serializable;

/**
 * What rank 0 sends back to the driver when training ends.
 *
 * @param weights       the trained model's state dict, as safetensors bytes
 * @param stageAttempt  which attempt of the barrier stage finished (0 unless a task failed and Spark relaunched it)
 * @param resumedAtStep the global step this attempt resumed from a checkpoint, or 0 if it started afresh
 * @param steps         the global step at the end
 * @param trainSeconds  how long this attempt's training took, without Spark's start-up
 */
public record WorkerReport(byte[] weights, int stageAttempt, long resumedAtStep, long steps, double trainSeconds)
        implements Serializable {}
