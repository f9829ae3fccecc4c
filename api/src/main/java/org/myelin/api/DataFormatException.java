package org.myelin.api;

/** A file that is missing, truncated, or not in the format expected. */
public class DataFormatException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public DataFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
