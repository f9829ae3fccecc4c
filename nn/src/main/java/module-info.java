/**
 * Myelin's neural-network layer: {@link org.myelin.nn.Module} and the layers built on it,
 * initialisers, model specs ({@link org.myelin.nn.Layers}), losses in {@code org.myelin.nn.loss},
 * and safetensors files in {@code org.myelin.nn.io}. It needs only the api; the engine is found at run time.
 */
module org.myelin.nn {
    requires transitive org.myelin.api;

    exports org.myelin.nn;
    exports org.myelin.nn.loss;
    exports org.myelin.nn.io;

    uses org.myelin.api.spi.LayerProvider;

    provides org.myelin.api.spi.LayerProvider with
            org.myelin.nn.Linear.Provider,
            org.myelin.nn.Sigmoid.Provider,
            org.myelin.nn.Tanh.Provider,
            org.myelin.nn.ReLU.Provider,
            org.myelin.nn.LeakyReLU.Provider,
            org.myelin.nn.Softplus.Provider,
            org.myelin.nn.Softmax.Provider,
            org.myelin.nn.LogSoftmax.Provider,
            org.myelin.nn.Dropout.Provider,
            org.myelin.nn.Flatten.Provider,
            org.myelin.nn.Identity.Provider,
            org.myelin.nn.Unflatten.Provider,
            org.myelin.nn.Conv2d.Provider,
            org.myelin.nn.MaxPool2d.Provider,
            org.myelin.nn.AvgPool2d.Provider,
            org.myelin.nn.AdaptiveAvgPool2d.Provider,
            org.myelin.nn.BatchNorm1d.Provider,
            org.myelin.nn.BatchNorm2d.Provider,
            org.myelin.nn.LayerNorm.Provider;
}
