package org.myelin.api;

/** An argument outside what an operation accepts: a bad axis, an empty tensor read as a scalar, a negative size. */
public class InvalidArgumentException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
