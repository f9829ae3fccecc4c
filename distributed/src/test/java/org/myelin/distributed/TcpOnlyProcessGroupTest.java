package org.myelin.distributed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every collective of {@link TcpProcessGroupTest} again with every link on TCP, as between two
 * machines: on one host the links would go through shared memory.
 */
class TcpOnlyProcessGroupTest extends TcpProcessGroupTest {
    @BeforeAll
    static void keepEveryLinkOnTcp() {
        System.setProperty("myelin.distributed.shm", "false");
    }

    @AfterAll
    static void restoreTheDefault() {
        System.clearProperty("myelin.distributed.shm");
    }
}
