/** Myelin's optimizers and learning-rate schedules. */
module org.myelin.optim {
    requires transitive org.myelin.api;

    exports org.myelin.optim;

    uses org.myelin.api.spi.OptimizerProvider;

    provides org.myelin.api.spi.OptimizerProvider with
            org.myelin.optim.SGDProvider,
            org.myelin.optim.AdamProvider,
            org.myelin.optim.AdamWProvider,
            org.myelin.optim.RMSpropProvider;
}
