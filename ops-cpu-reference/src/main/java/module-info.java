/**
 * The {@code reference} backend: plain double-precision loops that are obviously right. It is the
 * oracle of the conformance kit ({@code org.myelin.testkit}) and a backend users can pick by name.
 * Exports nothing: it is found with ServiceLoader.
 */
module org.myelin.ops.cpu.reference {
    requires org.myelin.api;

    provides org.myelin.api.spi.Backend with org.myelin.ops.cpu.reference.ReferenceBackend;
    provides org.myelin.api.spi.KernelProvider with org.myelin.ops.cpu.reference.ReferenceBackend.FusedKernels;
}
