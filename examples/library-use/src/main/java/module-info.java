/** Programs that use Myelin from the module path: the course's logistic regression, and checkpoints that resume. */
module org.myelin.example.library {
    requires org.myelin.nn;
    requires org.myelin.optim;
    requires org.myelin.train;
    requires org.myelin.data;
}
