package org.myelin.ops.gpu.jcuda;

import org.myelin.api.BackendUnavailableException;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;

/** The CUDA devices this JVM has opened, one {@link CudaDevice} per index, opened on first use. */
final class CudaDevices {
    private static final CudaDevice[] OPENED = new CudaDevice[64];

    private CudaDevices() {}

    /**
     * @param device a device of type {@code cuda}
     * @return it, opened
     * @throws BackendUnavailableException when CUDA cannot run here
     * @throws InvalidArgumentException when there is no such device
     */
    static CudaDevice get(Device device) {
        if (!"cuda".equals(device.type())) {
            throw new InvalidArgumentException("the cuda backend serves cuda devices, not " + device);
        }
        CudaProbe.Verdict v = CudaProbe.verdict();
        if (!v.available()) {
            throw new BackendUnavailableException("cuda is unavailable here: " + v.reason());
        }
        if (device.index() >= v.deviceCount()) {
            throw new InvalidArgumentException(device + " does not exist: this machine has " + v.deviceCount()
                    + " CUDA device" + (v.deviceCount() == 1 ? "" : "s") + " (cuda:0" + (v.deviceCount() > 1
                    ? " to cuda:" + (v.deviceCount() - 1) : "") + ")");
        }
        return open(device.index());
    }

    /** Opens without consulting the probe; the probe itself opens device 0 this way. */
    static synchronized CudaDevice open(int index) {
        if (index >= OPENED.length) {
            throw new InvalidArgumentException("cuda:" + index + " is beyond the " + OPENED.length + " devices supported");
        }
        if (OPENED[index] == null) {
            OPENED[index] = Driver.current().open(index);
        }
        return OPENED[index];
    }
}
