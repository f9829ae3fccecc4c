package org.myelin.ops.gpu.jcuda;

/**
 * Launches one kernel through the {@link Driver}. Arguments are converted by their Java type to what
 * the kernel's C signature expects: a {@link Geometry} is the Geo struct by value, a {@link CudaBuffer}
 * its device pointer, {@code Integer} an int, {@code Long} a long long, {@code Double} a double.
 */
final class Launch {
    /** Threads per block for elementwise kernels, and the BLOCK of reduce.cu. */
    static final int THREADS = 256;
    private static final int MAX_BLOCKS = 1 << 20;

    private Launch() {}

    /**
     * A grid-stride kernel over {@code n} elements.
     *
     * @param device  the device
     * @param program the program
     * @param kernel  the kernel
     * @param what    the operator, for errors
     * @param n       the element count; nothing is launched for 0
     * @param args    the arguments
     */
    static void elementwise(CudaDevice device, String program, String kernel, String what, long n, Object... args) {
        if (n <= 0) {
            return;
        }
        int blocks = (int) Math.min((n + THREADS - 1) / THREADS, MAX_BLOCKS);
        grid(device, program, kernel, what, blocks, 1, THREADS, args);
    }

    /**
     * One block per output (grid-stride over outputs), for reductions.
     *
     * @param device  the device
     * @param program the program
     * @param kernel  the kernel
     * @param what    the operator, for errors
     * @param outputs the output count; nothing is launched for 0
     * @param args    the arguments
     */
    static void perOutput(CudaDevice device, String program, String kernel, String what, long outputs, Object... args) {
        if (outputs <= 0) {
            return;
        }
        grid(device, program, kernel, what, (int) Math.min(outputs, MAX_BLOCKS), 1, THREADS, args);
    }

    /**
     * @param device  the device
     * @param program the program
     * @param kernel  the kernel
     * @param what    the operator, for errors
     * @param gridX   blocks along x
     * @param gridY   blocks along y
     * @param threads threads per block
     * @param args    the arguments
     */
    static void grid(CudaDevice device, String program, String kernel, String what, int gridX, int gridY, int threads,
                     Object... args) {
        Driver.current().launch(device, program, kernel, what, gridX, gridY, threads, args);
    }
}
