package org.myelin.api;

/**
 * Raised in anomaly mode ({@link GradMode#detectAnomaly()}) by the first operator whose forward or
 * backward made a NaN or an infinity; the message names it, its inputs' shapes and its module.
 */
public class AnomalyException extends AutogradException {
    private static final long serialVersionUID = 1L;

    /** @param message the operator, the shapes, the module, and what to do */
    public AnomalyException(String message) {
        super(message);
    }
}
