package org.myelin.nn;

/**
 * Marks layers whose output has as many features in its last dimension as their input, so
 * {@link Layers#fromSpec} can check that the sizes of the {@link Linear} layers around them chain.
 */
interface KeepsFeatures {}
