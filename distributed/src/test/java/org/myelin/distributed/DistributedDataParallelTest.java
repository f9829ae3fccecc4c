package org.myelin.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;
import org.myelin.nn.Linear;
import org.myelin.nn.Module;
import org.myelin.nn.Sequential;
import org.myelin.nn.Tanh;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.SGD;

/** Data parallelism on threads: N ranks with batch B/N each compute what one process with batch B does. */
class DistributedDataParallelTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BATCH = 16;
    private static final int STEPS = 50;

    private static Module model(long seed) {
        Tensor.manualSeed(seed);
        return new Sequential(new Linear(8, 16), new Tanh(), new Linear(16, 16), new Tanh(), new Linear(16, 4));
    }

    private static Tensor inputs() {
        Tensor.manualSeed(11);
        return Tensor.randn(BATCH * STEPS, 8);
    }

    private static Tensor targets() {
        long[] y = new long[BATCH * STEPS];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i * 7 + i / 3) % 4;
        }
        return Tensor.of(y, y.length);
    }

    /** @return the parameters after training on rows [from, from + batch) of each step's block */
    private static Map<String, Tensor> train(Module net, Module params, int rank, int world) {
        Tensor x = inputs();
        Tensor y = targets();
        SGD opt = new SGD(params.parameters(), 0.1).momentum(0.9);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        int shard = BATCH / world;
        for (int s = 0; s < STEPS; s++) {
            int from = s * BATCH + rank * shard;
            Tensor l = loss.forward(net.forward(x.slice(0, from, from + shard)), y.slice(0, from, from + shard));
            opt.zeroGrad();
            l.backward();
            opt.step();
        }
        return params.stateDict();
    }

    @Test
    void twoAndFourRanksMatchOneProcessWithTheWholeBatch() throws Exception {
        Module single = model(3);
        Map<String, Tensor> expected = train(single, single, 0, 1);
        for (int world : new int[] {2, 4}) {
            Module[] replicas = new Module[world];
            for (int r = 0; r < world; r++) {
                // Rank 0 starts from the single process's weights; the others from different ones, which DDP replaces.
                replicas[r] = model(r == 0 ? 3 : 100 + r);
            }
            // Small buckets, so the gradients travel in several of them.
            List<Map<String, Tensor>> results = TcpProcessGroupTest.onRanks(world, TIMEOUT, g -> {
                DistributedDataParallel ddp = new DistributedDataParallel(replicas[g.rank()], g, 600);
                assertTrue(ddp.bucketCount() > 2, "buckets: " + ddp.bucketCount());
                return train(ddp, ddp.module(), g.rank(), world);
            });
            for (Map<String, Tensor> got : results) {
                expected.forEach((name, want) -> {
                    float[] a = want.toFloatArray();
                    float[] b = got.get(name).toFloatArray();
                    double scale = 0;
                    double diff = 0;
                    for (int i = 0; i < a.length; i++) {
                        scale = Math.max(scale, Math.abs(a[i]));
                        diff = Math.max(diff, Math.abs(a[i] - b[i]));
                    }
                    assertTrue(diff <= 1e-6 * scale, world + " ranks, " + name + ": max difference " + diff
                            + " against a largest weight of " + scale);
                });
            }
        }
    }

    @Test
    void noSyncAccumulatesLocallyAndTheNextBackwardAveragesAll() throws Exception {
        List<float[]> grads = TcpProcessGroupTest.onRanks(2, TIMEOUT, g -> {
            Module net = new Linear(2, 1, false);
            DistributedDataParallel ddp = new DistributedDataParallel(net, g);
            Tensor x = Tensor.of(new float[] {g.rank() + 1, 0}, 1, 2);
            try (var local = ddp.noSync()) {
                ddp.forward(x).sum().backward();
            }
            float afterLocal = net.parameters().get(0).grad().toFloatArray()[0];
            assertEquals(g.rank() + 1, afterLocal, 0, "inside noSync the gradient stays this rank's");
            ddp.forward(x).sum().backward();
            return net.parameters().get(0).grad().toFloatArray();
        });
        // Each rank accumulated 2 (rank + 1); the average over ranks of 2, and of 4, is 3.
        for (float[] g : grads) {
            assertEquals(3, g[0], 1e-6);
            assertEquals(0, g[1], 0);
        }
    }

    @Test
    void ranksWithDifferentModelsFailNamingTheRankAndParameter() {
        Exception e = assertThrows(Exception.class, () -> TcpProcessGroupTest.onRanks(2, TIMEOUT,
                g -> new DistributedDataParallel(g.rank() == 0 ? new Linear(3, 2) : new Linear(3, 5), g)));
        Throwable cause = e.getCause();
        assertTrue(cause instanceof MyelinException, String.valueOf(cause));
        assertTrue(cause.getMessage().contains("rank 1 has a different model from rank 0: its parameter 0 is weight [5, 3] where rank 0 has weight [2, 3]"), cause.getMessage());
    }

    @Test
    void aParameterLeftOutOfBackwardIsReportedAtTheNextForward() throws Exception {
        List<String> messages = TcpProcessGroupTest.onRanks(2, TIMEOUT, g -> {
            Linear a = new Linear(2, 2);
            Linear unused = new Linear(2, 2);
            Module net = new Module() {
                final Linear first = register("a", a);
                final Linear second = register("unused", unused);

                @Override
                public Tensor forward(Tensor x) {
                    return first.forward(x);
                }
            };
            DistributedDataParallel ddp = new DistributedDataParallel(net, g);
            ddp.forward(Tensor.ones(1, 2)).sum().backward();
            return assertThrows(MyelinException.class, () -> ddp.forward(Tensor.ones(1, 2))).getMessage();
        });
        for (String m : messages) {
            assertTrue(m.contains("every parameter must take part"), m);
        }
    }
}
