package org.myelin.api.spi;

/**
 * Uses a named backend for its device type on this thread until closed, as a test or a
 * conformance check needs; other threads keep theirs. Scopes nest.
 *
 * <pre>{@code
 * try (var s = EngineRuntime.get().useBackend("reference")) {
 *     // operations on this thread run the reference kernels
 * }
 * }</pre>
 */
public interface BackendScope extends AutoCloseable {
    /** @return the backend in use inside the scope */
    Backend backend();

    /** Restores the backend that was in use before. Closing twice does nothing more. */
    @Override
    void close();
}
