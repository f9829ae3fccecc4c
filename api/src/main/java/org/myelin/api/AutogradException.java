package org.myelin.api;

/** A misuse of the autograd engine: a backward it cannot run, a freed graph, a saved tensor changed in place. */
public class AutogradException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public AutogradException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the lower-level error
     */
    public AutogradException(String message, Throwable cause) {
        super(message, cause);
    }
}
