package org.myelin.autograd;

import org.myelin.api.Device;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;

/**
 * The memory behind a tensor and all of its views, with the version counter that in-place
 * changes bump; autograd compares versions to catch a saved tensor that was changed.
 */
final class Storage {
    final Buffer buffer;
    final Device device;
    private volatile long version;

    Storage(Buffer buffer, Device device) {
        this.buffer = buffer;
        this.device = device;
    }

    long version() {
        return version;
    }

    synchronized void bumpVersion() {
        version++;
    }

    static Storage allocate(Backend backend, org.myelin.api.DType dtype, long numel, Device device) {
        return new Storage(backend.allocate(dtype, numel, device), device);
    }
}
