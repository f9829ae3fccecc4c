package org.myelin.api;

/** Shapes that do not fit an operation: a matmul, a broadcast, a reshape, a concatenation. */
public class ShapeMismatchException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public ShapeMismatchException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public ShapeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
