/**
 * The course's experiments, each rerun with one call and reported as a table, PNG plots (XChart)
 * and a self-contained HTML page: network depth on MNIST, vanishing gradients, activation
 * functions, regularization, and decision boundaries. The {@code myelin experiment} command is a
 * thin front end over {@link org.myelin.experiments.Experiments}.
 */
module org.myelin.experiments {
    requires transitive org.myelin.api;
    requires org.myelin.nn;
    requires org.myelin.optim;
    requires org.myelin.data;
    requires org.myelin.train;
    requires java.desktop;
    requires org.knowm.xchart;

    exports org.myelin.experiments;
}
