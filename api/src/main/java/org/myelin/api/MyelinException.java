package org.myelin.api;

/**
 * The root of every error that a user of Myelin can cause and fix. Its message names what is
 * wrong (the operator, the shapes, the file) and what to do about it.
 */
public class MyelinException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public MyelinException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public MyelinException(String message, Throwable cause) {
        super(message, cause);
    }
}
