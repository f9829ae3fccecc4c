/** A program that trains the course's logistic regression with Myelin from the module path. */
module org.myelin.example.library {
    requires org.myelin.nn;
    requires org.myelin.optim;
}
