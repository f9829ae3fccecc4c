/**
 * The conformance kit: a reference backend of plain loops that are obviously right, the suite any
 * backend runs against it, and gradcheck for operators.
 */
module org.myelin.testkit {
    requires transitive org.myelin.api;

    exports org.myelin.testkit;

    provides org.myelin.api.spi.Backend with org.myelin.testkit.ReferenceBackend;
}
