package org.myelin.nn;

/** Batch normalisation of (N, C) or (N, C, L) inputs, as PyTorch's {@code nn.BatchNorm1d}. */
public class BatchNorm1d extends BatchNorm {
    /** @param numFeatures the channels, C; eps 1e-5, momentum 0.1, affine, with running statistics */
    public BatchNorm1d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /**
     * @param numFeatures       the channels, C
     * @param eps               added to the variance
     * @param momentum          the running statistics' step
     * @param affine            whether to learn a per-channel weight and bias
     * @param trackRunningStats whether to keep running statistics
     */
    public BatchNorm1d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, new int[] {2, 3},
                "(batch, channels) or (batch, channels, length)");
    }

    /** Builds {@code batchnorm1d(features)}. */
    public static final class Provider extends SpecProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("batchnorm1d");
        }

        @Override
        BatchNorm make(long features, double eps, double momentum, boolean affine, boolean track) {
            return new BatchNorm1d(features, eps, momentum, affine, track);
        }
    }
}
