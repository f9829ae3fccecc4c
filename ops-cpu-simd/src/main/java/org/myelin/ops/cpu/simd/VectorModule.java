package org.myelin.ops.cpu.simd;

/**
 * Whether {@code jdk.incubator.vector} is loaded, asked before any class that names its types is
 * touched: without the module those classes fail to link, so even reading {@link Simd}'s verdict
 * would throw.
 */
final class VectorModule {
    /** Why the Vector API is missing, or null when the module is loaded. */
    static final String MISSING = java.util.Optional.ofNullable(VectorModule.class.getModule().getLayer())
            .orElse(ModuleLayer.boot()).findModule("jdk.incubator.vector").isPresent() // a layer searches its parents too
            ? null
            : "the jdk.incubator.vector module is not loaded; start java with --add-modules jdk.incubator.vector";

    private VectorModule() {}
}
