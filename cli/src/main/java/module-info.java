/** The {@code myelin} command. */
module org.myelin.cli {
    requires org.myelin.api;
    requires org.myelin.nn;
    requires org.myelin.optim;
    requires org.myelin.data;
    requires info.picocli;
    requires me.tongfei.progressbar;

    opens org.myelin.cli to info.picocli;
}
