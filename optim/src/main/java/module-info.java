/** Myelin's optimizers and learning-rate schedules. */
module org.myelin.optim {
    requires transitive org.myelin.api;

    exports org.myelin.optim;

    uses org.myelin.api.spi.OptimizerProvider;
}
