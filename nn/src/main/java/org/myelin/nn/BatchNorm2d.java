package org.myelin.nn;

/** Batch normalisation of (N, C, H, W) inputs, as PyTorch's {@code nn.BatchNorm2d}. */
public class BatchNorm2d extends BatchNorm {
    /** @param numFeatures the channels, C; eps 1e-5, momentum 0.1, affine, with running statistics */
    public BatchNorm2d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /**
     * @param numFeatures       the channels, C
     * @param eps               added to the variance
     * @param momentum          the running statistics' step
     * @param affine            whether to learn a per-channel weight and bias
     * @param trackRunningStats whether to keep running statistics
     */
    public BatchNorm2d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, new int[] {4}, "(batch, channels, height, width)");
    }

    /** Builds {@code batchnorm2d(features)}. */
    public static final class Provider extends SpecProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("batchnorm2d");
        }

        @Override
        BatchNorm make(long features, double eps, double momentum, boolean affine, boolean track) {
            return new BatchNorm2d(features, eps, momentum, affine, track);
        }
    }
}
