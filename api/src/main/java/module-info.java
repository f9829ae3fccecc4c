/**
 * The stable contract of Myelin: tensors, shapes, data types, devices, grad mode, errors and the
 * service-provider interfaces that engines, backends and plugins implement.
 */
module org.myelin.api {
    exports org.myelin.api;
    exports org.myelin.api.spi;

    uses org.myelin.api.TensorEngine;
}
