package org.myelin.testkit;

/** How a generated operand sits in its buffer; all but {@link #CONTIGUOUS} test strided access. */
enum Layout {
    /** Row-major from element 0, nothing else in the buffer. */
    CONTIGUOUS(""),
    /** Row-major, but starting a few elements into a larger buffer. */
    OFFSET("offset"),
    /** The axes reversed: a row-major buffer of the reversed shape, read with reversed strides. */
    TRANSPOSED("transposed"),
    /** A slice of a larger buffer: a start offset on every axis and a step of 2 on the last (and maybe others). */
    SLICED("sliced");

    private final String tag;

    Layout(String tag) {
        this.tag = tag;
    }

    /** @return the word used in test names; empty for contiguous */
    String tag() {
        return tag;
    }
}
