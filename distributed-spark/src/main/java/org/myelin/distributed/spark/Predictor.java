package org.myelin.distributed.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;

/** One partition's predictions: the network built once per partition, run on batches of rows. */
final class Predictor implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;

    private final String modelSpec;
    private final String activation;
    private final Broadcast<byte[]> weights;
    private final int featuresIndex;

    Predictor(String modelSpec, String activation, Broadcast<byte[]> weights, int featuresIndex) {
        this.modelSpec = modelSpec;
        this.activation = activation;
        this.weights = weights;
        this.featuresIndex = featuresIndex;
    }

    static Module network(String modelSpec, String activation, byte[] weights) {
        Module net = Layers.parse(modelSpec, activation, 0);
        net.loadStateDict(WeightBytes.tensors(weights, "the model"));
        net.eval();
        return net;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Module net = network(modelSpec, activation, weights.value());
        return new Iterator<>() {
            private final List<Row> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                ready.clear();
                next = 0;
                List<Row> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && rows.hasNext()) {
                    batch.add(rows.next());
                }
                if (!batch.isEmpty()) {
                    predict(net, batch);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.get(next++);
            }

            private void predict(Module net, List<Row> batch) {
                float[] first = FeatureColumns.floats(batch.get(0), featuresIndex);
                int width = first.length;
                float[] x = new float[batch.size() * width];
                for (int i = 0; i < batch.size(); i++) {
                    float[] f = i == 0 ? first : FeatureColumns.floats(batch.get(i), featuresIndex);
                    if (f.length != width) {
                        throw new org.myelin.api.InvalidArgumentException("a row has " + f.length + " features and "
                                + "another " + width + "; every row needs the same number");
                    }
                    System.arraycopy(f, 0, x, i * width, width);
                }
                float[] p;
                long classes;
                try (var g = GradMode.noGrad()) {
                    Tensor out = net.forward(Tensor.of(x, batch.size(), width)).softmax(1);
                    classes = out.shape().size(1);
                    p = out.toFloatArray();
                }
                for (int i = 0; i < batch.size(); i++) {
                    double[] probability = new double[(int) classes];
                    int best = 0;
                    for (int c = 0; c < classes; c++) {
                        probability[c] = p[(int) (i * classes + c)];
                        if (probability[c] > probability[best]) {
                            best = c;
                        }
                    }
                    Row row = batch.get(i);
                    Object[] values = new Object[row.length() + 2];
                    for (int k = 0; k < row.length(); k++) {
                        values[k] = row.get(k);
                    }
                    values[row.length()] = (double) best;
                    values[row.length() + 1] = Vectors.dense(probability);
                    ready.add(RowFactory.create(values));
                }
            }
        };
    }
}
