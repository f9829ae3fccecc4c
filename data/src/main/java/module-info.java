/** Myelin's data module. */
module org.myelin.data {
    requires transitive org.myelin.api;

    exports org.myelin.data;
}
