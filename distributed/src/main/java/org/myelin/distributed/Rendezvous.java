package org.myelin.distributed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;

/**
 * How the ranks of a run find each other, as torchrun's rendezvous: one process that every rank
 * can reach (the launcher) hosts it; each rank opens its own listening socket, tells the host its
 * rank and address, and gets back every rank's address once all have come. Then
 * {@link TcpProcessGroup.Listener#join} connects the ring. On Spark, {@code BarrierTaskContext}'s
 * {@code allGather} plays the host's part.
 */
public final class Rendezvous implements AutoCloseable {
    private final ServerSocket server;
    private final int world;
    private final Duration timeout;
    private final Thread host;
    private volatile RuntimeException failure;

    private Rendezvous(ServerSocket server, int world, Duration timeout) {
        this.server = server;
        this.world = world;
        this.timeout = timeout;
        this.host = new Thread(this::serve, "myelin-rendezvous");
        host.setDaemon(true);
    }

    /**
     * Starts hosting a rendezvous for {@code worldSize} ranks, on a thread of its own.
     *
     * @param bind      where to listen; port 0 picks a free one
     * @param worldSize how many ranks will come
     * @param timeout   how long to wait for the last of them
     * @return the host, whose {@link #address()} every rank is given
     */
    public static Rendezvous host(InetSocketAddress bind, int worldSize, Duration timeout) {
        if (worldSize < 1) {
            throw new InvalidArgumentException("a rendezvous needs at least one rank, got " + worldSize);
        }
        try {
            ServerSocket server = new ServerSocket();
            server.bind(bind, worldSize);
            Rendezvous r = new Rendezvous(server, worldSize, timeout);
            r.host.start();
            return r;
        } catch (IOException e) {
            throw new MyelinException("cannot host the rendezvous on " + bind + ": " + e.getMessage()
                    + "; choose another port, or port 0 for any free one");
        }
    }

    /** @return where the ranks reach this host, as {@code host:port} */
    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /**
     * Waits until every rank has been told the addresses, or the host gave up.
     *
     * @throws MyelinException why the rendezvous failed: a rank that never came, or two with one rank
     */
    public void await() {
        try {
            host.join(timeout.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void serve() {
        List<Socket> peers = new ArrayList<>();
        String[] addresses = new String[world];
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (peers.size() < world) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                server.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                Socket s = server.accept();
                s.setSoTimeout((int) Math.max(1, Math.min(left, 10_000)));
                int rank;
                int theirWorld;
                String address;
                try {
                    var in = new DataInputStream(s.getInputStream());
                    rank = in.readInt();
                    theirWorld = in.readInt();
                    address = in.readUTF();
                } catch (IOException notARank) {
                    // A port scan, a health check, a rank that died while saying hello: not one of the run.
                    s.close();
                    continue;
                }
                peers.add(s);
                if (theirWorld != world) {
                    throw new MyelinException("rank " + rank + " (" + address + ") expects " + theirWorld + " ranks, but "
                            + "this run has " + world + "; start every rank with the same world size");
                }
                if (rank < 0 || rank >= world || addresses[rank] != null) {
                    throw new MyelinException("rank " + rank + " (" + address + ") came " + (rank < 0 || rank >= world
                            ? "but ranks go from 0 to " + (world - 1) : "twice, the first from " + addresses[rank])
                            + "; give every process its own rank");
                }
                addresses[rank] = address;
            }
            for (Socket s : peers) {
                var out = new DataOutputStream(s.getOutputStream());
                out.writeInt(world);
                for (String a : addresses) {
                    out.writeUTF(a);
                }
                out.flush();
            }
            server.close();
        } catch (SocketTimeoutException e) {
            List<Integer> missing = new ArrayList<>();
            for (int r = 0; r < world; r++) {
                if (addresses[r] == null) {
                    missing.add(r);
                }
            }
            fail(peers, new MyelinException("the rendezvous at " + address() + " waited " + timeout.toSeconds()
                    + " s, and rank" + (missing.size() == 1 ? " " : "s ") + missing + " of " + world + " never came"));
        } catch (MyelinException e) {
            fail(peers, e);
        } catch (IOException e) {
            fail(peers, new MyelinException("the rendezvous at " + address() + " failed: " + e));
        } finally {
            for (Socket s : peers) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // The ranks have their answer, or a failure of their own to report.
                }
            }
        }
    }

    private void fail(List<Socket> peers, MyelinException e) {
        failure = e;
        for (Socket s : peers) {
            try {
                var out = new DataOutputStream(s.getOutputStream());
                out.writeInt(-1);
                out.writeUTF(e.getMessage());
                out.flush();
            } catch (IOException ignored) {
                // That rank is gone already; the others still hear why.
            }
        }
    }

    /**
     * Tells the host this rank's address and waits for everyone's.
     *
     * @param rendezvous the host's {@code host:port}
     * @param rank       this rank
     * @param worldSize  how many ranks the run has
     * @param address    where this rank listens
     * @param timeout    how long to wait for the others
     * @return every rank's address, by rank
     * @throws MyelinException when the host cannot be reached, or gives up
     */
    public static List<String> exchange(String rendezvous, int rank, int worldSize, String address, Duration timeout) {
        InetSocketAddress where = TcpProcessGroup.parse(rendezvous);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket s = connect(where, deadline)) {
            s.setSoTimeout((int) Math.min(timeout.toMillis() + 5_000, Integer.MAX_VALUE));
            var out = new DataOutputStream(s.getOutputStream());
            out.writeInt(rank);
            out.writeInt(worldSize);
            out.writeUTF(address);
            out.flush();
            var in = new DataInputStream(s.getInputStream());
            int n = in.readInt();
            if (n < 0) {
                throw new MyelinException(in.readUTF());
            }
            String[] all = new String[n];
            for (int r = 0; r < n; r++) {
                all[r] = in.readUTF();
            }
            return Arrays.asList(all);
        } catch (SocketTimeoutException e) {
            throw new MyelinException("rank " + rank + " waited " + timeout.toSeconds() + " s at the rendezvous " + rendezvous
                    + " for the other ranks, in vain");
        } catch (IOException e) {
            throw new MyelinException("rank " + rank + " cannot reach the rendezvous at " + rendezvous + " within "
                    + timeout.toSeconds() + " s (" + e.getMessage() + "); check that rank 0 (or the launcher) is running "
                    + "and that the address is right");
        }
    }

    /** Ranks start in any order: one may call before the host listens, so refusals are retried until the deadline. */
    private static Socket connect(InetSocketAddress where, long deadline) throws IOException {
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(where, (int) Math.max(1, Math.min((deadline - System.nanoTime()) / 1_000_000, Integer.MAX_VALUE)));
                return s;
            } catch (IOException e) {
                s.close();
                if (System.nanoTime() + 100_000_000L >= deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * The whole start of a rank: listen, exchange addresses, connect the ring.
     *
     * @param rendezvous the host's {@code host:port}
     * @param rank       this rank
     * @param worldSize  how many ranks the run has
     * @param bindHost   the interface to listen on, such as 127.0.0.1
     * @param timeout    how long any wait may last, here and in every collective
     * @return the connected group
     */
    public static TcpProcessGroup join(String rendezvous, int rank, int worldSize, String bindHost, Duration timeout) {
        return join(bindHost, rank, timeout, mine -> exchange(rendezvous, rank, worldSize, mine, timeout));
    }

    /**
     * As {@link #join(String, int, int, String, Duration)}, with another way to exchange the
     * addresses, such as Spark's {@code BarrierTaskContext.allGather}.
     *
     * @param bindHost the interface to listen on
     * @param rank     this rank
     * @param timeout  how long any wait may last
     * @param exchange from this rank's address to every rank's, by rank
     * @return the connected group; the listening socket is closed whatever happens
     */
    public static TcpProcessGroup join(String bindHost, int rank, Duration timeout,
                                       java.util.function.Function<String, List<String>> exchange) {
        try (TcpProcessGroup.Listener listener = TcpProcessGroup.listen(new InetSocketAddress(bindHost, 0))) {
            return listener.join(rank, exchange.apply(listener.address()), timeout);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Nothing is left to tell anyone.
        }
    }
}
