/** The {@code myelin} command. */
module org.myelin.cli {
    requires org.myelin.api;
    requires org.myelin.nn;
    requires org.myelin.optim;
    requires org.myelin.data;
    requires org.myelin.experiments;
    requires org.myelin.train;
    requires org.myelin.distributed;
    // ImageIO, for the PNG and JPEG files myelin predict reads.
    requires java.desktop;
    requires info.picocli;
    requires me.tongfei.progressbar;
    // The conformance kit, for `myelin plugin check`; it also brings the reference backend.
    requires org.myelin.testkit;

    // Plugins folder: the CLI reads each plugin layer's providers itself, to report and set aside broken ones.
    uses org.myelin.api.Operator;
    uses org.myelin.api.spi.OperatorProvider;
    uses org.myelin.api.spi.KernelProvider;
    uses org.myelin.api.spi.Backend;
    uses org.myelin.api.spi.LayerProvider;
    uses org.myelin.api.spi.OptimizerProvider;

    opens org.myelin.cli to info.picocli;
}
