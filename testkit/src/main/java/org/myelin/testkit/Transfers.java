package org.myelin.testkit;

import org.myelin.api.Device;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;

/** Moves conformance operands through a backend's own memory API. */
final class Transfers {
    private Transfers() {}

    /**
     * Uploads a fresh array every time: a CPU backend may keep the array it is given, and kernels
     * then write into it, so the case's own values must never be handed over.
     *
     * @param backend the backend
     * @param view    the host values
     * @param device  a device of the backend's type
     * @return the backend's buffer
     */
    static Buffer upload(Backend backend, HostView view, Device device) {
        double[] data = view.data();
        return switch (view.dtype()) {
            case FLOAT32 -> {
                float[] f = new float[data.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) data[i];
                }
                yield backend.upload(f, device);
            }
            case FLOAT64 -> backend.upload(data.clone(), device);
            case INT64 -> {
                long[] l = new long[data.length];
                for (int i = 0; i < l.length; i++) {
                    l[i] = (long) data[i];
                }
                yield backend.upload(l, device);
            }
        };
    }

    /** @param backend the backend @param buffer one of its buffers @return every element, as doubles */
    static double[] download(Backend backend, Buffer buffer) {
        return backend.download(buffer, 0, Math.toIntExact(buffer.length()));
    }
}
