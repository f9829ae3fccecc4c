package org.myelin.autograd;

import java.util.concurrent.atomic.AtomicLong;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;

/**
 * The memory behind a tensor and all of its views, with the version counter that in-place
 * changes bump; autograd compares versions to catch a saved tensor that was changed.
 */
final class Storage {
    private static final AtomicLong SERIALS = new AtomicLong();

    final MyelinEngine engine;
    final Buffer buffer;
    final Device device;
    /** When it was made, in storage-creation order: backward adopts a gradient made after an operator's backward began. */
    final long serial = SERIALS.incrementAndGet();
    private volatile long version;

    Storage(MyelinEngine engine, Buffer buffer, Device device) {
        this.engine = engine;
        this.buffer = buffer;
        this.device = device;
    }

    /** @return the serial of the most recently made storage */
    static long lastSerial() {
        return SERIALS.get();
    }

    long version() {
        return version;
    }

    synchronized void bumpVersion() {
        version++;
    }

    static Storage allocate(MyelinEngine engine, Backend backend, DType dtype, long numel, Device device) {
        engine.allocationLimits().charge(Math.multiplyExact(numel, dtype.byteSize()));
        return new Storage(engine, backend.allocate(dtype, numel, device), device);
    }
}
