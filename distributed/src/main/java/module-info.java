/**
 * Myelin's data-parallel training across processes and machines: {@link org.myelin.distributed.ProcessGroup}
 * its TCP ring ({@link org.myelin.distributed.TcpProcessGroup}) and
 * {@link org.myelin.distributed.DistributedDataParallel}. It needs the api, nn and the JDK.
 */
module org.myelin.distributed {
    requires transitive org.myelin.api;
    requires transitive org.myelin.nn;
    requires transitive org.myelin.data;

    exports org.myelin.distributed;
}
