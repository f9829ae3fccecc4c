package org.myelin.api;

/** A name that no installed provider answers to: an operator, backend, layer or optimizer. */
public class UnknownNameException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public UnknownNameException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public UnknownNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
