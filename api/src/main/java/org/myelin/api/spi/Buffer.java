package org.myelin.api.spi;

import org.myelin.api.DType;
import org.myelin.api.Device;

/**
 * A block of memory on one device that holds a tensor's elements. Backends allocate and read
 * buffers; the engine never looks inside one.
 */
public interface Buffer {
    /** @return the element type */
    DType dtype();

    /** @return the number of elements */
    long length();

    /** @return where the memory lives */
    Device device();
}
