/**
 * The conformance kit: the suite any backend runs against the {@code reference} backend (module
 * {@code org.myelin.ops.cpu.reference}, the oracle, found with ServiceLoader), the checks any
 * operator plugin runs, and gradcheck for operators.
 */
module org.myelin.testkit {
    requires transitive org.myelin.api;

    exports org.myelin.testkit;

    uses org.myelin.api.spi.Backend;
    uses org.myelin.api.spi.KernelProvider;
}
