package org.myelin.cli;

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
 * @param bindHost   MYELIN_BIND_HOST, the interface this worker listens on (default 127.0.0.1)
 * @param timeout    MYELIN_DIST_TIMEOUT in seconds: the longest any wait for another worker lasts (default 60)
 */
record WorkerEnvironment(int rank, int worldSize, String rendezvous, String bindHost, Duration timeout) {
    static final String RANK = "MYELIN_RANK";
    static final String WORLD_SIZE = "MYELIN_WORLD_SIZE";
    static final String RENDEZVOUS = "MYELIN_RENDEZVOUS";
    static final String BIND_HOST = "MYELIN_BIND_HOST";
    static final String TIMEOUT = "MYELIN_DIST_TIMEOUT";
    static final String THREADS = "MYELIN_WORKER_THREADS";

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
        return new WorkerEnvironment(rank, world, rendezvous, env.getOrDefault(BIND_HOST, "127.0.0.1"), timeout(env));
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
        return Rendezvous.join(rendezvous, rank, worldSize, bindHost, timeout);
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
