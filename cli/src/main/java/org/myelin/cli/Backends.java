package org.myelin.cli;

import org.myelin.api.Device;
import org.myelin.api.spi.EngineRuntime;

/** Applies --backend and --device before the first tensor is made, and fails early and clearly. */
final class Backends {
    private Backends() {}

    static Device select(String backend, String device) {
        if (backend != null && !backend.isBlank()) {
            EngineRuntime.get().selectBackend(backend.trim());
        }
        Device target = Device.parse(device);
        EngineRuntime.get().backendFor(target.type());
        return target;
    }
}
