package org.myelin.api;

/** No backend can run on the requested device, or the one named cannot run here. */
public class BackendUnavailableException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
