package org.myelin.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myelin.api.DType;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * Batch normalisation over channels (axis 1), as PyTorch's {@code _BatchNorm}: in training the
 * batch's statistics, and the running ones moved toward them; in evaluation the running ones.
 * State-dict keys are PyTorch's: {@code weight}, {@code bias}, {@code running_mean},
 * {@code running_var}, {@code num_batches_tracked}.
 */
public abstract class BatchNorm extends Module {
    private final long numFeatures;
    private final double eps;
    private final double momentum;
    private final boolean trackRunningStats;
    private final int[] ranks;
    private final String layout;

    /**
     * @param numFeatures       the channels, C
     * @param eps               added to the variance
     * @param momentum          the running statistics' step
     * @param affine            whether to learn a per-channel weight and bias
     * @param trackRunningStats whether to keep running statistics (without, evaluation uses the batch's too)
     * @param ranks             the input ranks the layer takes, such as {2, 3} for BatchNorm1d
     * @param layout            how the input should look, for errors
     */
    protected BatchNorm(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats,
                        int[] ranks, String layout) {
        if (numFeatures < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new InvalidArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): the features must be "
                    + "at least 1, eps above 0 and momentum within [0, 1], got eps " + eps + " and momentum " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.trackRunningStats = trackRunningStats;
        this.ranks = ranks.clone();
        this.layout = layout;
        if (affine) {
            registerParameter("weight", Tensor.ones(numFeatures));
            registerParameter("bias", Tensor.zeros(numFeatures));
        }
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(numFeatures));
            registerBuffer("running_var", Tensor.ones(numFeatures));
            registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        boolean rankOk = false;
        for (int r : ranks) {
            rankOk |= input.dim() == r;
        }
        if (!rankOk || input.size(1) != numFeatures) {
            throw new ShapeMismatchException(getClass().getSimpleName() + "(" + numFeatures + "): the input "
                    + input.shape() + " must be " + layout + " with " + numFeatures + " channels");
        }
        Tensor mean = trackRunningStats ? buffer("running_mean") : null;
        Tensor var = trackRunningStats ? buffer("running_var") : null;
        if (isTraining() && trackRunningStats) {
            try (var g = GradMode.noGrad()) {
                Tensor count = buffer("num_batches_tracked");
                count.fill(count.item() + 1);
            }
        }
        // Without running statistics, evaluation normalises by the batch's, as PyTorch does.
        return Functional.batchNorm(input, mean, var, parameterOrNull("weight"), parameterOrNull("bias"),
                isTraining() || !trackRunningStats, momentum, eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (parameterOrNull("weight") != null)
                + ", track_running_stats=" + trackRunningStats;
    }

    /** The shared spec parsing of batchnorm1d and batchnorm2d. */
    abstract static class SpecProvider extends NamedLayerProvider {
        SpecProvider(String name) {
            super(name, name + "(features) with optional eps=E, momentum=M, affine=false, track_running_stats=false");
        }

        abstract BatchNorm make(long features, double eps, double momentum, boolean affine, boolean track);

        @Override
        public org.myelin.api.Layer create(List<String> args) {
            List<String> pos = new ArrayList<>();
            Map<String, String> kw = keywords(args, pos, "eps", "momentum", "affine", "track_running_stats");
            expectArgs(pos, 1, 1);
            long features = positiveSize(pos, 0, "features");
            double eps = number(List.of(kw.getOrDefault("eps", "1e-5")), 0, "eps", 1e-5);
            double momentum = number(List.of(kw.getOrDefault("momentum", "0.1")), 0, "momentum", 0.1);
            boolean affine = bool(args, kw.getOrDefault("affine", "true"), "affine");
            boolean track = bool(args, kw.getOrDefault("track_running_stats", "true"), "track_running_stats");
            return build(args, () -> make(features, eps, momentum, affine, track));
        }
    }
}
