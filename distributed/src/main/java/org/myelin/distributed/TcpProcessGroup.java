package org.myelin.distributed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;

/**
 * A process group over TCP, as a ring: each rank sends to the next and receives from the one
 * before. All-reduce is the bandwidth-optimal ring (a reduce-scatter, then an all-gather, each in
 * worldSize - 1 steps of one chunk), and every step sends and receives at once, in pieces, through
 * direct buffers and one selector, so both directions of every link stay busy. Every wait has a
 * deadline: a peer that dies or stops sending fails the collective, naming it, within the timeout.
 *
 * <pre>{@code
 * TcpProcessGroup.Listener listener = TcpProcessGroup.listen(new InetSocketAddress(host, 0));
 * // share listener.address() ("host:port") with the other ranks, e.g. through Spark's allGather
 * try (ProcessGroup group = listener.join(rank, addresses, Duration.ofSeconds(60))) {
 *     group.allReduce(gradients, 0, gradients.length, ProcessGroup.ReduceOp.AVERAGE);
 * }
 * }</pre>
 */
public final class TcpProcessGroup implements ProcessGroup {
    /** The default timeout of every wait, as PyTorch's. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Floats per piece of a step: 256 KB, so sending one piece overlaps receiving the next. */
    private static final int PIECE = 64 * 1024;

    private final int rank;
    private final int world;
    private final List<String> addresses;
    private final long timeoutNanos;
    private final SocketChannel right;
    private final SocketChannel left;
    private final Selector selector;
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(4 * PIECE).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(4 * PIECE).order(ByteOrder.LITTLE_ENDIAN);
    private final float[] piece = new float[PIECE];
    /** To the next rank and from the one before, through shared memory when it is on this host; else null. */
    private final SharedRing toRight;
    private final SharedRing fromLeft;
    /** Floats of the piece in sendBuffer, sent once it has all gone; floats expected in receiveBuffer. */
    private int inFlight;
    private int expected;
    /** Bytes the sockets moved, whole pieces or not: any of it keeps the deadline away. */
    private long socketBytes;
    private volatile boolean closed;

    private TcpProcessGroup(int rank, List<String> addresses, Duration timeout, SocketChannel right, SocketChannel left,
                            Selector selector, SharedRing[] rings) {
        this.rank = rank;
        this.world = addresses.size();
        this.addresses = List.copyOf(addresses);
        this.timeoutNanos = timeout.toNanos();
        this.right = right;
        this.left = left;
        this.selector = selector;
        this.toRight = rings[0];
        this.fromLeft = rings[1];
    }

    /**
     * Opens this rank's listening socket, the first half of the rendezvous.
     *
     * @param bind the address to listen on; port 0 picks a free one
     * @return the listener, whose {@link Listener#address()} the other ranks must learn
     */
    public static Listener listen(InetSocketAddress bind) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(bind);
            return new Listener(server);
        } catch (IOException e) {
            throw new MyelinException("cannot listen on " + bind + ": " + e.getMessage()
                    + "; choose another port, or port 0 for any free one");
        }
    }

    /** A rank's open listening socket, waiting to {@link #join} the others. */
    public static final class Listener implements AutoCloseable {
        private final ServerSocketChannel server;

        private Listener(ServerSocketChannel server) {
            this.server = server;
        }

        /** @return where the others reach this rank, as {@code host:port} */
        public String address() {
            try {
                InetSocketAddress a = (InetSocketAddress) server.getLocalAddress();
                return a.getHostString() + ":" + a.getPort();
            } catch (IOException e) {
                throw new MyelinException("the listening socket is closed: " + e.getMessage());
            }
        }

        /**
         * Connects the ring: to the next rank, and from the one before.
         *
         * @param rank      this rank, from 0
         * @param addresses every rank's {@link #address()}, by rank, the same list on every rank
         * @param timeout   how long any wait may last, now and in every collective
         * @return the group
         * @throws MyelinException naming the rank that could not be reached in time
         */
        public TcpProcessGroup join(int rank, List<String> addresses, Duration timeout) {
            int world = addresses.size();
            if (world < 1 || rank < 0 || rank >= world) {
                throw new InvalidArgumentException("rank " + rank + " is not in a group of " + world
                        + " addresses; ranks go from 0 to worldSize - 1");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new InvalidArgumentException("the timeout must be positive, got " + timeout);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            if (world == 1) {
                close();
                return new TcpProcessGroup(rank, addresses, timeout, null, null, null, new SharedRing[2]);
            }
            int next = (rank + 1) % world;
            int previous = (rank - 1 + world) % world;
            SocketChannel right = null;
            SocketChannel left = null;
            try {
                right = connect(rank, next, addresses.get(next), deadline, timeout);
                left = accept(rank, previous, addresses.get(previous), deadline, timeout);
                SharedRing[] rings = SharedMemoryLinks.negotiate(right, left, addresses.get(previous),
                        addresses.get(rank), deadline);
                Selector selector = Selector.open();
                for (SocketChannel c : new SocketChannel[] {right, left}) {
                    c.configureBlocking(false);
                }
                return new TcpProcessGroup(rank, addresses, timeout, right, left, selector, rings);
            } catch (IOException e) {
                closeQuietly(right);
                closeQuietly(left);
                throw new MyelinException("rank " + rank + ": cannot set up the ring: " + e.getMessage());
            } catch (RuntimeException e) {
                closeQuietly(right);
                closeQuietly(left);
                throw e;
            } finally {
                close();
            }
        }

        /** Dials the next rank until it answers or the deadline passes, then says who is calling. */
        private static SocketChannel connect(int rank, int peer, String address, long deadline, Duration timeout)
                throws IOException {
            InetSocketAddress target = parse(address);
            IOException last = null;
            while (System.nanoTime() < deadline) {
                SocketChannel c = SocketChannel.open();
                try {
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.socket().connect(target, (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    ByteBuffer hello = ByteBuffer.allocate(4).putInt(rank).flip();
                    while (hello.hasRemaining()) {
                        c.write(hello);
                    }
                    return c;
                } catch (IOException e) {
                    last = e;
                    c.close();
                    sleep(50);
                }
            }
            throw new MyelinException("rank " + rank + ": rank " + peer + " at " + address + " did not accept a "
                    + "connection within " + seconds(timeout) + (last == null ? "" : " (" + last.getMessage() + ")")
                    + "; is it running, and is the address reachable from here?");
        }

        /** Waits for the rank before to call, and checks that it is the one expected. */
        private SocketChannel accept(int rank, int peer, String address, long deadline, Duration timeout)
                throws IOException {
            server.configureBlocking(false);
            try (Selector s = Selector.open()) {
                server.register(s, SelectionKey.OP_ACCEPT);
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || s.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
                        throw new MyelinException("rank " + rank + ": rank " + peer + " at " + address + " did not "
                                + "connect within " + seconds(timeout) + "; is it running, with the same address list?");
                    }
                    s.selectedKeys().clear();
                    SocketChannel c = server.accept();
                    if (c == null) {
                        continue;
                    }
                    c.configureBlocking(true);
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.socket().setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    ByteBuffer hello = ByteBuffer.allocate(4);
                    var in = c.socket().getInputStream();
                    byte[] b = in.readNBytes(4);
                    if (b.length != 4) {
                        c.close();
                        continue;
                    }
                    int caller = hello.put(b).flip().getInt();
                    if (caller != peer) {
                        c.close();
                        throw new MyelinException("rank " + rank + ": expected rank " + peer + " to connect, but rank "
                                + caller + " did; do all ranks have the same address list, in rank order?");
                    }
                    return c;
                }
            }
        }

        /** Closes the listening socket. */
        @Override
        public void close() {
            closeQuietly(server);
        }
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int worldSize() {
        return world;
    }

    @Override
    public synchronized void allReduce(float[] data, int offset, int length, ReduceOp op) {
        checkRange("allReduce", data, offset, length);
        if (world > 1) {
            // Reduce-scatter: after it, this rank holds chunk rank + 1 summed over all ranks.
            for (int s = 0; s < world - 1; s++) {
                exchange("allReduce", data, offset, length, mod(rank - s), mod(rank - s - 1), true);
            }
            // All-gather: each summed chunk travels once around the ring.
            for (int s = 0; s < world - 1; s++) {
                exchange("allReduce", data, offset, length, mod(rank - s + 1), mod(rank - s), false);
            }
        }
        if (op == ReduceOp.AVERAGE && world > 1) {
            for (int i = offset; i < offset + length; i++) {
                data[i] /= world;
            }
        }
    }

    @Override
    public synchronized void broadcast(float[] data, int offset, int length, int root) {
        checkRange("broadcast", data, offset, length);
        if (root < 0 || root >= world) {
            throw new InvalidArgumentException("broadcast: root " + root + " is not a rank of this group of " + world);
        }
        // The values go around the ring from root: each rank receives them from the one before (but
        // root), then passes them on (but the rank before root).
        int fromRoot = mod(rank - root);
        if (fromRoot > 0) {
            pump("broadcast", data, offset, 0, data, offset, length, false);
        }
        if (fromRoot < world - 1) {
            pump("broadcast", data, offset, length, data, offset, 0, false);
        }
    }

    @Override
    public synchronized List<float[]> allGather(float[] mine) {
        float[][] all = new float[world][];
        all[rank] = mine.clone();
        for (int s = 0; s < world - 1; s++) {
            int send = mod(rank - s);
            int receive = mod(rank - s - 1);
            float[] incoming = new float[mine.length];
            pump("allGather", all[send], 0, mine.length, incoming, 0, mine.length, false);
            all[receive] = incoming;
        }
        return List.of(all);
    }

    @Override
    public void barrier() {
        allReduce(new float[1], 0, 1, ReduceOp.SUM);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(right);
        closeQuietly(left);
        closeQuietly(selector);
        closeQuietly(toRight);
        closeQuietly(fromLeft);
    }

    /** @return whether the links to the next rank and from the one before go through shared memory */
    boolean[] sharedMemoryLinks() {
        return new boolean[] {toRight != null, fromLeft != null};
    }

    private int mod(int i) {
        return ((i % world) + world) % world;
    }

    /** @return where chunk {@code c} of {@code length} floats from {@code offset} starts */
    private int chunkStart(int offset, int length, int c) {
        return offset + (int) ((long) length * c / world);
    }

    /** Sends chunk {@code send} to the next rank while receiving chunk {@code receive} from the one before. */
    private void exchange(String what, float[] data, int offset, int length, int send, int receive, boolean add) {
        int s0 = chunkStart(offset, length, send);
        int r0 = chunkStart(offset, length, receive);
        pump(what, data, s0, chunkStart(offset, length, send + 1) - s0, data, r0,
                chunkStart(offset, length, receive + 1) - r0, add);
    }

    /**
     * Sends {@code sendLength} floats to the next rank and receives {@code receiveLength} from the
     * one before, at the same time, a piece at a time, waiting at most the timeout for progress.
     */
    private void pump(String what, float[] out, int outStart, int sendLength, float[] in, int inStart, int receiveLength,
                      boolean add) {
        if (closed) {
            throw new MyelinException("rank " + rank + ": " + what + " on a closed process group");
        }
        int sent = 0;
        int received = 0;
        inFlight = 0;
        expected = 0;
        int idle = 0;
        long seen = socketBytes;
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (sent < sendLength || received < receiveLength) {
                int moved = 0;
                if (sent < sendLength) {
                    int n = toRight != null ? toRight.offer(out, outStart + sent, sendLength - sent)
                            : sendOverTcp(out, outStart + sent, sendLength - sent);
                    sent += n;
                    moved += n;
                }
                if (received < receiveLength) {
                    int n = fromLeft != null ? fromLeft.poll(in, inStart + received, receiveLength - received, add, piece)
                            : receiveOverTcp(what, in, inStart + received, receiveLength - received, add);
                    received += n;
                    moved += n;
                }
                if (moved > 0 || socketBytes != seen) {
                    seen = socketBytes;
                    deadline = System.nanoTime() + timeoutNanos;
                    idle = 0;
                    continue;
                }
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    boolean stuckSending = received >= receiveLength;
                    throw peerGone(what, stuckSending ? mod(rank + 1) : mod(rank - 1), (stuckSending
                            ? "took nothing" : "sent nothing") + " for " + seconds(Duration.ofNanos(timeoutNanos)));
                }
                boolean tcpWaiting = toRight == null && sent < sendLength || fromLeft == null && received < receiveLength;
                if (tcpWaiting) {
                    selector.selectedKeys().clear();
                    interest(right, toRight == null && sent < sendLength ? SelectionKey.OP_WRITE : 0);
                    interest(left, fromLeft == null && received < receiveLength ? SelectionKey.OP_READ : 0);
                    // A shared-memory side may move meanwhile: look again within a millisecond.
                    boolean alsoShared = toRight != null && sent < sendLength || fromLeft != null && received < receiveLength;
                    selector.select(alsoShared ? 1 : Math.max(1, wait / 1_000_000));
                } else {
                    idle = awaitSharedMemory(what, idle);
                }
            }
        } catch (IOException e) {
            throw peerGone(what, mod(rank - 1), "broke the connection (" + e.getMessage() + ")");
        }
    }

    /**
     * Waits for the peer's side of a shared ring: spins a little (a step's next piece is often a
     * moment away), then parks, so that ranks sharing fewer cores than they are do not starve each
     * other; and now and then asks the sockets whether a peer has died, which closes them.
     */
    private int awaitSharedMemory(String what, int idle) throws IOException {
        if (idle < 200) {
            Thread.onSpinWait();
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(idle < 2_000 ? 5_000 : 50_000);
        }
        if (idle % 256 == 255) {
            ByteBuffer probe = ByteBuffer.allocate(1);
            if (left.read(probe) < 0) {
                throw peerGone(what, mod(rank - 1), "closed the connection");
            }
            if (right.read(probe.clear()) < 0) {
                throw peerGone(what, mod(rank + 1), "closed the connection");
            }
        }
        return idle + 1;
    }

    /** @return floats of a piece that has gone out whole by this call */
    private int sendOverTcp(float[] out, int start, int remaining) throws IOException {
        if (inFlight == 0) {
            inFlight = Math.min(PIECE, remaining);
            sendBuffer.clear();
            sendBuffer.asFloatBuffer().put(out, start, inFlight);
            sendBuffer.limit(4 * inFlight);
        }
        socketBytes += right.write(sendBuffer);
        if (sendBuffer.hasRemaining()) {
            return 0;
        }
        int done = inFlight;
        inFlight = 0;
        return done;
    }

    /** @return floats of a piece that has come in whole by this call, stored or added */
    private int receiveOverTcp(String what, float[] in, int start, int remaining, boolean add) throws IOException {
        if (expected == 0) {
            expected = Math.min(PIECE, remaining);
            receiveBuffer.clear().limit(4 * expected);
        }
        int n = left.read(receiveBuffer);
        if (n < 0) {
            throw peerGone(what, mod(rank - 1), "closed the connection");
        }
        socketBytes += n;
        if (receiveBuffer.hasRemaining()) {
            return 0;
        }
        receiveBuffer.flip();
        receiveBuffer.asFloatBuffer().get(piece, 0, expected);
        if (add) {
            for (int i = 0; i < expected; i++) {
                in[start + i] += piece[i];
            }
        } else {
            System.arraycopy(piece, 0, in, start, expected);
        }
        int done = expected;
        expected = 0;
        return done;
    }

    /** Waits only for what this step still needs: a writable socket that is always ready would spin. */
    private void interest(SocketChannel c, int ops) throws IOException {
        SelectionKey key = c.keyFor(selector);
        if (key == null) {
            c.register(selector, ops);
        } else {
            key.interestOps(ops);
        }
    }

    private MyelinException peerGone(String what, int peer, String how) {
        return new MyelinException("rank " + rank + ": " + what + " failed: rank " + peer + " at " + addresses.get(peer)
                + " " + how + "; that process died, is stuck, or called a different collective");
    }

    private static void checkRange(String what, float[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new InvalidArgumentException(what + ": floats " + offset + " to " + ((long) offset + length)
                    + " are outside an array of " + data.length);
        }
    }

    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        try {
            return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new InvalidArgumentException("'" + address + "' is not host:port");
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MyelinException("interrupted while connecting the ring");
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing on the way out of a failure; the failure is what the caller hears about
            }
        }
    }
}
