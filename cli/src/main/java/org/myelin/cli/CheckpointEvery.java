package org.myelin.cli;

import org.myelin.api.InvalidArgumentException;

/** {@code --checkpoint-every}: a number of epochs ({@code 2}) or of steps ({@code 500steps}). */
record CheckpointEvery(long count, boolean steps) {

    static CheckpointEvery parse(String text) {
        String t = text.trim();
        boolean steps = t.endsWith("steps") || t.endsWith("step");
        String number = steps ? t.substring(0, t.lastIndexOf("step")) : t.endsWith("epochs") ? t.substring(0, t.length() - 6)
                : t.endsWith("epoch") ? t.substring(0, t.length() - 5) : t;
        try {
            long n = Long.parseLong(number.trim());
            if (n > 0) {
                return new CheckpointEvery(n, steps);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidArgumentException("--checkpoint-every '" + text + "' is not a positive number of epochs (2) "
                + "or of steps (500steps)");
    }

    String unit() {
        return steps ? "step" : "epoch";
    }
}
