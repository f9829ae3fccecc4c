/**
 * Myelin's data-parallel training across processes and machines: {@link org.myelin.distributed.ProcessGroup}
 * and its TCP ring ({@link org.myelin.distributed.TcpProcessGroup}). It needs only the api and the JDK.
 */
module org.myelin.distributed {
    requires transitive org.myelin.api;

    exports org.myelin.distributed;
}
