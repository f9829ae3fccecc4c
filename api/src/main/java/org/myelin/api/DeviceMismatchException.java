package org.myelin.api;

/** Tensors on different devices met in one operation; move one with {@code to(Device)}. */
public class DeviceMismatchException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public DeviceMismatchException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public DeviceMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
