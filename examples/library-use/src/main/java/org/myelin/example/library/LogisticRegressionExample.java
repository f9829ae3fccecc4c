package org.myelin.example.library;

import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.nn.Linear;
import org.myelin.nn.Module;
import org.myelin.nn.loss.BCELoss;
import org.myelin.optim.SGD;

/**
 * The course's logistic regression, h = sigmoid(W x + b), trained with binary cross-entropy and SGD
 * on two Gaussian clouds in the plane. Prints the loss as it falls and the final accuracy; exits
 * with status 1 if it does not learn (so a script can check it).
 */
public final class LogisticRegressionExample {

    /** The model: one linear unit and a sigmoid, registered by name as in PyTorch. */
    static final class LogisticRegression extends Module {
        final Linear lin = register("lin", new Linear(2, 1));

        @Override
        public Tensor forward(Tensor x) {
            return lin.forward(x).sigmoid();
        }
    }

    private LogisticRegressionExample() {}

    /** @param args none */
    public static void main(String[] args) {
        Tensor.manualSeed(42);
        int n = 200;
        // Class 0 around (-1, -1), class 1 around (1, 1): one draw of noise for every coordinate.
        Tensor noise = Tensor.randn(n, 2).mul(0.7);
        float[] centres = new float[2 * n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            labels[i] = c;
            centres[2 * i] = c == 1 ? 1 : -1;
            centres[2 * i + 1] = c == 1 ? 1 : -1;
        }
        Tensor x = Tensor.of(centres, n, 2).add(noise);
        Tensor y = Tensor.of(labels, n, 1);

        LogisticRegression model = new LogisticRegression();
        BCELoss lossFn = new BCELoss();
        SGD opt = new SGD(model.parameters(), 0.5);
        for (int epoch = 0; epoch <= 100; epoch++) {
            Tensor loss = lossFn.forward(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            if (epoch % 25 == 0) {
                System.out.printf("epoch %3d  loss %.4f%n", epoch, loss.item());
            }
        }
        double accuracy;
        try (var g = GradMode.noGrad()) {
            float[] h = model.forward(x).toFloatArray();
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += (h[i] > 0.5) == (labels[i] == 1) ? 1 : 0;
            }
            accuracy = (double) right / n;
        }
        System.out.printf("weights %s  accuracy %.1f%%%n", model.stateDict().keySet(), 100 * accuracy);
        if (accuracy < 0.9) {
            System.err.println("logistic regression did not learn: accuracy " + accuracy);
            System.exit(1);
        }
    }
}
