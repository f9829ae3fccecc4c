package org.myelin.distributed;

import java.util.List;
import org.myelin.api.Tensor;

/**
 * The processes of one data-parallel job, as PyTorch's {@code torch.distributed} process group:
 * each has a rank from 0 to {@code worldSize() - 1}, and every collective must be called by all of
 * them, in the same order, with the same sizes. A collective that cannot finish (a peer died, or
 * never sends) fails with a {@link org.myelin.api.MyelinException} that names the rank and its
 * address, within the group's timeout: it never hangs.
 */
public interface ProcessGroup extends AutoCloseable {

    /** How {@link #allReduce} combines the ranks' values. */
    enum ReduceOp {
        /** the elementwise sum over ranks */
        SUM,
        /** the elementwise mean over ranks */
        AVERAGE
    }

    /** @return this process's rank, from 0 */
    int rank();

    /** @return how many processes there are */
    int worldSize();

    /**
     * Combines {@code length} floats from {@code offset} across all ranks, in place: afterwards
     * every rank holds the same result.
     *
     * @param data   the values, replaced by the result
     * @param offset where they start
     * @param length how many; the same on every rank
     * @param op     sum or average
     */
    void allReduce(float[] data, int offset, int length, ReduceOp op);

    /**
     * {@link #allReduce(float[], int, int, ReduceOp)} of a CPU FLOAT32 tensor, in place.
     *
     * @param tensor the values, of the same shape on every rank
     * @param op     sum or average
     */
    default void allReduce(Tensor tensor, ReduceOp op) {
        float[] data = TensorBuffers.values("allReduce", tensor);
        allReduce(data, 0, data.length, op);
        TensorBuffers.write(tensor, data);
    }

    /**
     * Copies root's {@code length} floats from {@code offset} to every other rank.
     *
     * @param data   root's values; replaced by them on the other ranks
     * @param offset where they start
     * @param length how many; the same on every rank
     * @param root   the rank whose values everyone gets
     */
    void broadcast(float[] data, int offset, int length, int root);

    /**
     * {@link #broadcast(float[], int, int, int)} of a CPU FLOAT32 tensor, in place.
     *
     * @param tensor the values, of the same shape on every rank
     * @param root   the rank whose values everyone gets
     */
    default void broadcast(Tensor tensor, int root) {
        float[] data = TensorBuffers.values("broadcast", tensor);
        broadcast(data, 0, data.length, root);
        TensorBuffers.write(tensor, data);
    }

    /**
     * @param mine this rank's values; every rank gives as many
     * @return every rank's values, by rank
     */
    List<float[]> allGather(float[] mine);

    /** Returns once every rank has called it. */
    void barrier();

    /** Closes the connections; a collective afterwards fails. Closing twice does nothing more. */
    @Override
    void close();
}
