package org.myelin.api;

/** A data type that an operation cannot take, such as a gradient on an integer tensor. */
public class DTypeException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public DTypeException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public DTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
