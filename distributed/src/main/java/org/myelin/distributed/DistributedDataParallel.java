package org.myelin.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;
import org.myelin.nn.Module;

/**
 * Synchronous data parallelism, as PyTorch's {@code DistributedDataParallel}: every rank holds the
 * whole model and trains on its own shard of each batch, and the gradients are averaged across
 * ranks during {@code backward()}, so N ranks compute what one process with N times the batch would.
 *
 * <p>At construction it checks that every rank has the same parameter names and shapes, and
 * copies rank 0's parameters and buffers to the others. The gradients travel in buckets (25 MB by
 * default) filled in reverse registration order, as PyTorch fills them, since backward produces the
 * last layer's gradients first: each bucket's all-reduce starts on a communication thread as soon
 * as its last gradient has been accumulated (a post-accumulate-grad hook), while backward goes on.
 * The backward call returns once every bucket is averaged. Every parameter must take part in each
 * backward; {@link #noSync()} skips the reduction for gradient accumulation.
 *
 * <p>Its state dict nests the wrapped module's under {@code module.}, as PyTorch's does.
 */
public final class DistributedDataParallel extends Module implements AutoCloseable {
    /** PyTorch's default bucket size, 25 MB. */
    public static final long DEFAULT_BUCKET_BYTES = 25L << 20;

    private final Module module;
    private final ProcessGroup group;
    private final List<String> names = new ArrayList<>();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Bucket> buckets = new ArrayList<>();
    private final ExecutorService comm;
    private final List<Future<?>> inFlight = new ArrayList<>();
    private int ready;
    private int nextToReduce;
    private volatile int noSyncDepth;

    /** Parameters whose gradients travel together, in one flat buffer. */
    private static final class Bucket {
        final List<Integer> members = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
        float[] buffer;
        int waiting;
        boolean full;
    }

    /**
     * @param module the model, the same on every rank
     * @param group  the ranks
     */
    public DistributedDataParallel(Module module, ProcessGroup group) {
        this(module, group, DEFAULT_BUCKET_BYTES);
    }

    /**
     * @param module      the model, the same on every rank
     * @param group       the ranks
     * @param bucketBytes the most gradient bytes one bucket holds (a larger parameter has a bucket of its own)
     */
    public DistributedDataParallel(Module module, ProcessGroup group, long bucketBytes) {
        if (bucketBytes < 1) {
            throw new InvalidArgumentException("DistributedDataParallel: the bucket size must be positive, got "
                    + bucketBytes);
        }
        this.module = register("module", module);
        this.group = group;
        module.namedParameters().forEach((n, p) -> {
            names.add(n);
            params.add(p);
        });
        ParameterCheck.sameOnEveryRank(group, names, params);
        try (var g = GradMode.noGrad()) {
            for (Tensor p : params) {
                group.broadcast(p, 0);
            }
            for (Tensor b : module.namedBuffers().values()) {
                if (b.dtype() == org.myelin.api.DType.FLOAT32) {
                    group.broadcast(b, 0);
                }
            }
        }
        // Reverse registration order: the last layer's gradients are ready first.
        Bucket current = null;
        long bytes = 0;
        for (int i = params.size() - 1; i >= 0; i--) {
            long size = 4 * params.get(i).numel();
            if (current == null || (bytes + size > bucketBytes && !current.members.isEmpty())) {
                current = new Bucket();
                buckets.add(current);
                bytes = 0;
            }
            current.members.add(i);
            current.offsets.add((int) (bytes / 4));
            bytes += size;
            int b = buckets.size() - 1;
            int slot = current.members.size() - 1;
            params.get(i).registerPostAccumulateGradHook(t -> gradientReady(b, slot, t));
        }
        for (Bucket b : buckets) {
            int floats = 0;
            for (int i : b.members) {
                floats += (int) params.get(i).numel();
            }
            b.buffer = new float[floats];
        }
        resetCounts();
        comm = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "myelin-ddp-rank-" + group.rank());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the wrapped model */
    public Module module() {
        return module;
    }

    /** @return how many gradient buckets there are */
    public int bucketCount() {
        return buckets.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        synchronized (this) {
            if (ready != 0) {
                String missing = null;
                for (Bucket b : buckets) {
                    if (!b.full) {
                        missing = names.get(b.members.get(0));
                        break;
                    }
                }
                resetCounts();
                throw new MyelinException("DistributedDataParallel: the last backward gave no gradient to some parameters"
                        + (missing == null ? "" : " (the first in an unreduced bucket: " + missing + ")") + ", so the "
                        + "gradients were not averaged; every parameter must take part in each backward");
            }
        }
        return module.forward(input);
    }

    /**
     * Backward passes inside this scope accumulate gradients locally, without averaging them; the
     * first backward after it averages everything accumulated, as PyTorch's {@code no_sync()}.
     *
     * @return the scope, for try-with-resources
     */
    public NoSync noSync() {
        noSyncDepth++;
        boolean[] closed = {false};
        return () -> {
            if (!closed[0]) {
                closed[0] = true;
                noSyncDepth--;
            }
        };
    }

    /** Ends a {@link #noSync()} scope. */
    @FunctionalInterface
    public interface NoSync extends AutoCloseable {
        @Override
        void close();
    }

    private synchronized void gradientReady(int bucket, int slot, Tensor param) {
        if (noSyncDepth > 0) {
            return;
        }
        Bucket b = buckets.get(bucket);
        float[] g = param.grad().toFloatArray();
        System.arraycopy(g, 0, b.buffer, b.offsets.get(slot), g.length);
        ready++;
        if (--b.waiting == 0) {
            b.full = true;
        }
        // Buckets go to the wire in index order, so every rank reduces them in the same order.
        while (nextToReduce < buckets.size() && buckets.get(nextToReduce).full) {
            Bucket next = buckets.get(nextToReduce++);
            inFlight.add(comm.submit(() -> reduce(next)));
        }
        if (ready == params.size()) {
            awaitReductions();
        }
    }

    private void reduce(Bucket b) {
        group.allReduce(b.buffer, 0, b.buffer.length, ProcessGroup.ReduceOp.AVERAGE);
        try (var g = GradMode.noGrad()) {
            for (int k = 0; k < b.members.size(); k++) {
                Tensor p = params.get(b.members.get(k));
                float[] slice = java.util.Arrays.copyOfRange(b.buffer, b.offsets.get(k),
                        b.offsets.get(k) + (int) p.numel());
                p.grad().copyFrom(Tensor.of(slice, p.shape().toArray()));
            }
        }
    }

    /** The last gradient of the pass is in: wait for every bucket's average before backward returns. */
    private void awaitReductions() {
        try {
            for (Future<?> f : inFlight) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MyelinException("DistributedDataParallel: interrupted while averaging gradients");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new MyelinException(e.getCause().toString());
        } finally {
            inFlight.clear();
            resetCounts();
        }
    }

    private void resetCounts() {
        ready = 0;
        nextToReduce = 0;
        for (Bucket b : buckets) {
            b.waiting = b.members.size();
            b.full = false;
        }
    }

    /** Stops the communication thread; the process group stays open, for its owner to close. */
    @Override
    public void close() {
        comm.shutdownNow();
    }

    @Override
    protected String extraRepr() {
        return "rank=" + group.rank() + ", world_size=" + group.worldSize() + ", buckets=" + buckets.size();
    }
}
