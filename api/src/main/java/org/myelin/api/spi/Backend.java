package org.myelin.api.spi;

import java.util.Optional;
import org.myelin.api.DType;
import org.myelin.api.Device;

/**
 * A kernel pack for one device type, found with {@code ServiceLoader}. For each device type the
 * engine uses the available backend with the highest priority, unless the user names one
 * ({@code -Dmyelin.backend}, {@code MYELIN_BACKEND}).
 */
public interface Backend {

    /** @return the unique name users select it by, such as {@code cpu-simd} */
    String name();

    /** @return the device type it serves, such as {@code cpu} */
    String deviceType();

    /** @return the preference among backends of one device type; higher wins */
    int priority();

    /**
     * Probes whether this backend can run here. Must not throw; is called once and cached.
     *
     * @return empty when available, else the reason it is not, such as {@code libcuda.so.1 not found}
     */
    Optional<String> unavailableReason();

    /** @return a one-line description for {@code myelin doctor}, such as the vector shape */
    default String description() {
        return name();
    }

    /**
     * @param dtype  the element type
     * @param length the number of elements
     * @param device the device, of this backend's type
     * @return a zero-filled buffer
     */
    Buffer allocate(DType dtype, long length, Device device);

    /**
     * @param data host values
     * @param device the device
     * @return a buffer holding them (may share the array on the CPU)
     */
    Buffer upload(float[] data, Device device);

    /**
     * @param data host values
     * @param device the device
     * @return a buffer holding them
     */
    Buffer upload(double[] data, Device device);

    /**
     * @param data host values
     * @param device the device
     * @return a buffer holding them
     */
    Buffer upload(long[] data, Device device);

    /**
     * @param buffer a contiguous buffer of this backend's device
     * @param offset the first element
     * @param length how many elements
     * @return them as doubles, on the heap
     */
    double[] download(Buffer buffer, long offset, int length);

    /** @return the kernels */
    Kernels kernels();
}
