package org.myelin.distributed.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.myelin.nn.Module;

/**
 * A trained Myelin network as a Spark ML {@code Transformer}: {@link #transform} adds a
 * {@code prediction} column (the likeliest class) and a {@code probability} column (the softmax of
 * the network's outputs). The weights are broadcast once, and each partition runs the network on
 * batches of its rows. {@code write().save(path)} keeps the params and a safetensors file of the
 * weights, which PyTorch and {@code myelin eval} read too.
 */
public final class MyelinClassificationModel extends Model<MyelinClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    static final String WEIGHTS = "weights.safetensors";

    private final String uid;
    private final byte[] weights;
    private final Param<String> modelSpec;
    private final Param<String> activation;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;

    MyelinClassificationModel(String uid, byte[] weights) {
        this.uid = uid;
        this.weights = weights.clone();
        modelSpec = new Param<>(this, "modelSpec", "layer sizes such as 784-30-10, or a layer spec");
        activation = new Param<>(this, "activation", "the activation between layers of the sizes form");
        featuresCol = new Param<>(this, "featuresCol", "the features column: a vector or an array of numbers");
        predictionCol = new Param<>(this, "predictionCol", "the predicted class column this adds");
        probabilityCol = new Param<>(this, "probabilityCol", "the class probabilities column this adds");
        setDefault(modelSpec, "784-30-10");
        setDefault(activation, "sigmoid");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the model spec param */
    public Param<String> modelSpec() {
        return modelSpec;
    }

    /** @return the activation param */
    public Param<String> activation() {
        return activation;
    }

    /** @return the features-column param */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** @return the prediction-column param */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** @return the probability-column param */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** @param v the features column @return this */
    public MyelinClassificationModel setFeaturesCol(String v) {
        set(featuresCol, v);
        return this;
    }

    /** @param v the prediction column @return this */
    public MyelinClassificationModel setPredictionCol(String v) {
        set(predictionCol, v);
        return this;
    }

    /** @param v the probability column @return this */
    public MyelinClassificationModel setProbabilityCol(String v) {
        set(probabilityCol, v);
        return this;
    }

    /** @return the trained network, on this JVM */
    public Module network() {
        return Predictor.network(getOrDefault(modelSpec), getOrDefault(activation), weights);
    }

    /** @return the weights as safetensors bytes */
    public byte[] weights() {
        return weights.clone();
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<byte[]> shared = sc.broadcast(weights);
        Predictor predictor = new Predictor(getOrDefault(modelSpec), getOrDefault(activation), shared,
                dataset.schema().fieldIndex(getOrDefault(featuresCol)));
        return dataset.toDF().mapPartitions(predictor, Encoders.row(out));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureColumns.checkFeatures(schema, getOrDefault(featuresCol));
        return FeatureColumns.withPredictions(schema, getOrDefault(predictionCol), getOrDefault(probabilityCol));
    }

    @Override
    public MyelinClassificationModel copy(ParamMap extra) {
        return copyValues(new MyelinClassificationModel(uid, weights), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** @return Spark ML's reader of a saved model */
    public static MLReader<MyelinClassificationModel> read() {
        return new Reader();
    }

    /** @param path where {@code write().save(path)} put it @return the model */
    public static MyelinClassificationModel load(String path) {
        return read().load(path);
    }

    /** The params as Spark ML writes every stage's, and the weights beside them. */
    private static final class Writer extends MLWriter {
        private final MyelinClassificationModel model;

        Writer(MyelinClassificationModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sparkSession());
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, "data/" + WEIGHTS);
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(model.weights);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the weights to " + file, e);
            }
        }
    }

    private static final class Reader extends MLReader<MyelinClassificationModel> {
        @Override
        public MyelinClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    MyelinClassificationModel.class.getName());
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, "data/" + WEIGHTS);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    bytes = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the weights from " + file, e);
            }
            // Checked before anything uses them: a header that lies is caught here, not in a task.
            WeightBytes.tensors(bytes, file.toString());
            MyelinClassificationModel model = new MyelinClassificationModel(metadata.uid(), bytes);
            metadata.getAndSetParams(model, metadata.getAndSetParams$default$2());
            return model;
        }
    }
}
