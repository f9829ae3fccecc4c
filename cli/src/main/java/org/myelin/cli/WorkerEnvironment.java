package org.myelin.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.myelin.api.InvalidArgumentException;
import org.myelin.distributed.Rendezvous;
import org.myelin.distributed.TcpProcessGroup;

/**
 * What makes a {@code myelin train} process one worker of several, as torchrun's RANK and
 * WORLD_SIZE: the launcher ({@code --nproc}) sets these variables, and anyone may set them by hand
 * to start the workers of one run on several machines.
 *
 * @param rank       MYELIN_RANK, from 0
 * @param worldSize  MYELIN_WORLD_SIZE
 * @param rendezvous MYELIN_RENDEZVOUS, the host:port every worker reports to
 * @param bindHost   MYELIN_BIND_HOST, the interface this worker listens on (default: the one it reaches the
 *                   rendezvous through)
 * @param timeout    MYELIN_DIST_TIMEOUT in seconds: the longest any wait for another worker lasts (default 60)
 */
record WorkerEnvironment(int rank, int worldSize, String rendezvous, String bindHost, Duration timeout, boolean hosted,
                         long launcherPid) {
    static final String RANK = "MYELIN_RANK";
    static final String WORLD_SIZE = "MYELIN_WORLD_SIZE";
    static final String RENDEZVOUS = "MYELIN_RENDEZVOUS";
    static final String BIND_HOST = "MYELIN_BIND_HOST";
    static final String TIMEOUT = "MYELIN_DIST_TIMEOUT";
    static final String THREADS = "MYELIN_WORKER_THREADS";
    /** Set by the launcher, which hosts the rendezvous itself; without it, rank 0 hosts it, as torchrun's. */
    static final String HOSTED = "MYELIN_RENDEZVOUS_HOSTED";
    static final String LAUNCHER_PID = "MYELIN_LAUNCHER_PID";

    /** @return this process's place in a run, or null when it runs alone */
    static WorkerEnvironment of(Map<String, String> env) {
        if (!env.containsKey(RANK)) {
            return null;
        }
        int rank = number(env, RANK, null);
        int world = number(env, WORLD_SIZE, null);
        if (world < 1 || rank < 0 || rank >= world) {
            throw new InvalidArgumentException(RANK + "=" + rank + " and " + WORLD_SIZE + "=" + world
                    + " do not make a rank of a run: ranks go from 0 to the world size - 1");
        }
        String rendezvous = env.get(RENDEZVOUS);
        if (rendezvous == null || rendezvous.isBlank()) {
            throw new InvalidArgumentException(RANK + " is set but " + RENDEZVOUS + " is not; give every worker the "
                    + "host:port of the rendezvous (myelin train --nproc N sets all three)");
        }
        return new WorkerEnvironment(rank, world, rendezvous, env.get(BIND_HOST), timeout(env), env.containsKey(HOSTED),
                env.containsKey(LAUNCHER_PID) ? number(env, LAUNCHER_PID, null) : -1);
    }

    /** @return MYELIN_DIST_TIMEOUT, or 60 s */
    static Duration timeout(Map<String, String> env) {
        int seconds = number(env, TIMEOUT, "60");
        if (seconds < 1) {
            throw new InvalidArgumentException(TIMEOUT + " must be a positive number of seconds, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** @return the connected ring of every worker of the run */
    TcpProcessGroup join() {
        if (rank == 0 && !hosted) {
            InetSocketAddress at = where();
            try (Rendezvous host = Rendezvous.host(new InetSocketAddress(at.getPort()), worldSize, timeout)) {
                return Rendezvous.join(rendezvous, rank, worldSize, listenOn(), timeout);
            }
        }
        return Rendezvous.join(rendezvous, rank, worldSize, listenOn(), timeout);
    }

    /** A worker whose launcher is gone has no one to report to: it stops, rather than train on alone. */
    void stopWithTheLauncher() {
        if (launcherPid > 0) {
            ProcessHandle.of(launcherPid).ifPresentOrElse(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                    () -> Runtime.getRuntime().halt(3));
        }
    }

    /** The interface the others can reach: given, or the one a packet to the rendezvous would leave by. */
    private String listenOn() {
        if (bindHost != null && !bindHost.isBlank()) {
            return bindHost;
        }
        InetSocketAddress at = where();
        if (at.getAddress() == null || at.getAddress().isLoopbackAddress()) {
            return "127.0.0.1";
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            // Connecting a datagram socket sends nothing; it only picks the route, and so the local address.
            probe.connect(at);
            return probe.getLocalAddress().getHostAddress();
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot find this machine's address towards the rendezvous " + rendezvous
                    + " (" + e.getMessage() + "); set " + BIND_HOST + " to it");
        }
    }

    private InetSocketAddress where() {
        int colon = rendezvous.lastIndexOf(':');
        try {
            return new InetSocketAddress(rendezvous.substring(0, colon), Integer.parseInt(rendezvous.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new InvalidArgumentException(RENDEZVOUS + "=" + rendezvous + " is not host:port");
        }
    }

    private static int number(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
