package org.myelin.distributed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Whether a ring link goes through shared memory: when the rank before is on this host, this rank
 * makes a {@link SharedRing} and sends its file's name over the link's socket; the rank before maps
 * it and answers yes, or no (a file it cannot see: the "same" address was another host's), and then
 * the name goes. The sockets stay, for the other collectives' framing and to see a peer die.
 * {@code -Dmyelin.distributed.shm=false} keeps every link on TCP.
 */
final class SharedMemoryLinks {
    /** 4 MB a direction: a few pieces of a step in flight. */
    private static final int CAPACITY = 1 << 20;

    private SharedMemoryLinks() {}

    /** @return the rings {to the next rank, from the one before}, each null where the link stays on TCP */
    static SharedRing[] negotiate(SocketChannel right, SocketChannel left, String previous, String self, long deadline)
            throws IOException {
        SharedRing[] rings = new SharedRing[2];
        int millis = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        right.socket().setSoTimeout(millis);
        left.socket().setSoTimeout(millis);
        var toLeft = new DataOutputStream(Channels.newOutputStream(left));
        var fromRight = new DataInputStream(right.socket().getInputStream());
        var toRight = new DataOutputStream(Channels.newOutputStream(right));
        var fromLeft = new DataInputStream(left.socket().getInputStream());
        SharedRing mine = null;
        try {
            if (Boolean.parseBoolean(System.getProperty("myelin.distributed.shm", "true")) && sameHost(previous, self)) {
                mine = SharedRing.create(SharedRing.folder(), CAPACITY);
            }
            toLeft.writeUTF(mine == null ? "" : mine.file().toString());
            toLeft.flush();
            String offered = fromRight.readUTF();
            if (!offered.isEmpty()) {
                try {
                    rings[0] = SharedRing.open(Path.of(offered));
                } catch (IOException notHere) {
                    rings[0] = null;
                }
                toRight.writeBoolean(rings[0] != null);
                toRight.flush();
            }
            if (mine != null) {
                if (fromLeft.readBoolean()) {
                    rings[1] = mine;
                } else {
                    mine.close();
                }
                mine.unlink();
            }
            return rings;
        } catch (IOException | RuntimeException e) {
            if (mine != null) {
                mine.unlink();
                mine.close();
            }
            if (rings[0] != null) {
                rings[0].close();
            }
            throw e;
        } finally {
            right.socket().setSoTimeout(0);
            left.socket().setSoTimeout(0);
        }
    }

    private static boolean sameHost(String a, String b) {
        try {
            InetAddress x = InetAddress.getByName(a.substring(0, a.lastIndexOf(':')));
            InetAddress y = InetAddress.getByName(b.substring(0, b.lastIndexOf(':')));
            return x.equals(y) || x.isLoopbackAddress() && y.isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
