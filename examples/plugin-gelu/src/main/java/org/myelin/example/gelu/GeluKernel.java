package org.myelin.example.gelu;

import org.myelin.api.spi.Strided;

/** The kernel {@link Gelu} asks a backend for: out = gelu(x), elementwise. */
public interface GeluKernel {
    /**
     * @param x   a contiguous FLOAT32 or FLOAT64 input
     * @param out a contiguous output of the same type and size
     */
    void forward(Strided x, Strided out);
}
