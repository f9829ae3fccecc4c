/** Myelin's nn module. */
module org.myelin.nn {
    requires transitive org.myelin.api;

    exports org.myelin.nn;
}
