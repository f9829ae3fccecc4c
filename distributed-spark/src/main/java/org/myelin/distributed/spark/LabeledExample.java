package org.myelin.distributed.spark;

import java.io.Serializable;

/**
 * One training example as it travels through Spark: the features, flat, and the class.
 *
 * @param features the input values, such as 784 pixels in [0, 1]
 * @param label    the class, from 0
 */
public record LabeledExample(float[] features, int label) implements Serializable {}
