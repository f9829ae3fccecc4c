package org.myelin.api;

/** The element type of a tensor. */
public enum DType {
    /** 32-bit IEEE float: the default for tensors and parameters. */
    FLOAT32(4, true),
    /** 64-bit IEEE float: for gradcheck and for users who need the precision. */
    FLOAT64(8, true),
    /** 64-bit signed integer: for class labels and indices. */
    INT64(8, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** @return the size of one element in bytes */
    public int byteSize() {
        return byteSize;
    }

    /** @return true for the floating-point types, the only ones that can require a gradient */
    public boolean isFloatingPoint() {
        return floating;
    }

    /**
     * The type that a binary operation on {@code a} and {@code b} produces, as in PyTorch's type
     * promotion: an integer meets a float as the float, and FLOAT32 meets FLOAT64 as FLOAT64.
     *
     * @param a one operand's type
     * @param b the other operand's type
     * @return the promoted type
     */
    public static DType promote(DType a, DType b) {
        if (a == b || b == INT64) {
            return a;
        }
        return a == INT64 ? b : FLOAT64;
    }
}
