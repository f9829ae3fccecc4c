package org.myelin.experiments;

import java.util.Random;
import org.myelin.api.Tensor;
import org.myelin.data.TensorDataset;

/**
 * Two interleaving half circles, as scikit-learn's {@code make_moons}: class 0 on the upper arc
 * (cos t, sin t), class 1 on the lower arc (1 − cos t, ½ − sin t), t uniform in [0, π], plus
 * Gaussian noise. No straight line separates them.
 */
final class TwoMoons {
    private TwoMoons() {}

    /**
     * @param examples how many points (half of each class)
     * @param noise    the noise's standard deviation
     * @param seed     the generator's seed: the same seed gives the same points
     * @return inputs FLOAT32 [examples, 2] and labels INT64 [examples]
     */
    static TensorDataset generate(int examples, double noise, long seed) {
        Random random = new Random(seed);
        float[] xy = new float[2 * examples];
        long[] labels = new long[examples];
        for (int i = 0; i < examples; i++) {
            int label = i % 2;
            double t = Math.PI * random.nextDouble();
            double x = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double y = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            xy[2 * i] = (float) (x + noise * random.nextGaussian());
            xy[2 * i + 1] = (float) (y + noise * random.nextGaussian());
            labels[i] = label;
        }
        return new TensorDataset(Tensor.of(xy, examples, 2), Tensor.of(labels, examples));
    }
}
