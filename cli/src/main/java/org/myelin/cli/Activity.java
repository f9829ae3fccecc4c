package org.myelin.cli;

/**
 * What the command is doing now, in words, for the one line an out-of-memory error becomes:
 * "out of memory while building the model '784-100000000-10'".
 */
final class Activity {
    private static volatile String now = "starting";

    private Activity() {}

    static void set(String what) {
        now = what;
    }

    static String now() {
        return now;
    }
}
