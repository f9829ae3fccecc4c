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
    private volatile boolean closed;

    private TcpProcessGroup(int rank, List<String> addresses, Duration timeout, SocketChannel right, SocketChannel left,
                            Selector selector) {
        this.rank = rank;
        this.world = addresses.size();
        this.addresses = List.copyOf(addresses);
        this.timeoutNanos = timeout.toNanos();
        this.right = right;
        this.left = left;
        this.selector = selector;
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
                return new TcpProcessGroup(rank, addresses, timeout, null, null, null);
            }
            int next = (rank + 1) % world;
            int previous = (rank - 1 + world) % world;
            SocketChannel right = null;
            SocketChannel left = null;
            try {
                right = connect(rank, next, addresses.get(next), deadline, timeout);
                left = accept(rank, previous, addresses.get(previous), deadline, timeout);
                Selector selector = Selector.open();
                for (SocketChannel c : new SocketChannel[] {right, left}) {
                    c.configureBlocking(false);
                }
                return new TcpProcessGroup(rank, addresses, timeout, right, left, selector);
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
        int inFlight = 0;
        int received = 0;
        int expected = Math.min(PIECE, receiveLength);
        receiveBuffer.clear().limit(4 * expected);
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (sent < sendLength || received < receiveLength) {
                boolean progress = false;
                if (inFlight == 0 && sent < sendLength) {
                    inFlight = Math.min(PIECE, sendLength - sent);
                    sendBuffer.clear();
                    sendBuffer.asFloatBuffer().put(out, outStart + sent, inFlight);
                    sendBuffer.limit(4 * inFlight);
                }
                if (inFlight > 0) {
                    progress = right.write(sendBuffer) > 0;
                    if (!sendBuffer.hasRemaining()) {
                        sent += inFlight;
                        inFlight = 0;
                    }
                }
                if (received < receiveLength) {
                    int n = left.read(receiveBuffer);
                    if (n < 0) {
                        throw peerGone(what, mod(rank - 1), "closed the connection");
                    }
                    progress |= n > 0;
                    if (!receiveBuffer.hasRemaining()) {
                        receiveBuffer.flip();
                        receiveBuffer.asFloatBuffer().get(piece, 0, expected);
                        int at = inStart + received;
                        if (add) {
                            for (int i = 0; i < expected; i++) {
                                in[at + i] += piece[i];
                            }
                        } else {
                            System.arraycopy(piece, 0, in, at, expected);
                        }
                        received += expected;
                        expected = Math.min(PIECE, receiveLength - received);
                        receiveBuffer.clear().limit(4 * expected);
                    }
                }
                if (progress) {
                    deadline = System.nanoTime() + timeoutNanos;
                    continue;
                }
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    boolean stuckSending = received >= receiveLength;
                    throw peerGone(what, stuckSending ? mod(rank + 1) : mod(rank - 1), (stuckSending
                            ? "took nothing" : "sent nothing") + " for " + seconds(Duration.ofNanos(timeoutNanos)));
                }
                selector.selectedKeys().clear();
                interest(right, sent < sendLength ? SelectionKey.OP_WRITE : 0);
                interest(left, received < receiveLength ? SelectionKey.OP_READ : 0);
                selector.select(Math.max(1, wait / 1_000_000));
            }
        } catch (IOException e) {
            throw peerGone(what, mod(rank - 1), "broke the connection (" + e.getMessage() + ")");
        }
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
