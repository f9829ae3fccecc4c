package org.myelin.cli;

import org.myelin.api.MyelinException;

/** A run that failed rather than a command given wrongly (the loss became NaN, the checkpoint could not be written): exit status 1. */
final class RunFailed extends MyelinException {
    private static final long serialVersionUID = 1L;

    RunFailed(String message) {
        super(message);
    }
}
