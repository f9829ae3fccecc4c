package org.myelin.distributed.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A Myelin network as a Spark ML {@code Estimator}: {@link #fit} trains it data-parallel in one
 * barrier stage, one task per worker on its own partition of the DataFrame, and gives a
 * {@link MyelinClassificationModel}. Both save and load with Spark ML's writers and readers, so they
 * sit in a {@code Pipeline}.
 *
 * <pre>{@code
 * MyelinClassifier classifier = new MyelinClassifier().setModelSpec("784-30-10").setEpochs(3).setNumWorkers(2);
 * MyelinClassificationModel model = classifier.fit(train);   // columns features (vector) and label
 * model.transform(test).select("prediction", "probability").show();
 * }</pre>
 */
public final class MyelinClassifier extends Estimator<MyelinClassificationModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> modelSpec;
    private final Param<String> activation;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final DoubleParam momentum;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final IntParam numWorkers;
    private final LongParam seed;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> checkpointDir;

    /** A classifier with the course's recipe: 784-30-10 sigmoid, SGD at 0.5, batch 10, 3 epochs, 2 workers. */
    public MyelinClassifier() {
        this(Identifiable$.MODULE$.randomUID("myelinClassifier"));
    }

    /** @param uid this stage's id, as Spark ML's readers recreate it */
    public MyelinClassifier(String uid) {
        this.uid = uid;
        modelSpec = new Param<>(this, "modelSpec", "layer sizes such as 784-30-10, or a layer spec");
        activation = new Param<>(this, "activation", "the activation between layers of the sizes form");
        optimizer = new Param<>(this, "optimizer", "sgd, adam, adamw or rmsprop");
        learningRate = new DoubleParam(this, "learningRate", "the learning rate");
        momentum = new DoubleParam(this, "momentum", "momentum for sgd and rmsprop");
        epochs = new IntParam(this, "epochs", "passes over the training data");
        batchSize = new IntParam(this, "batchSize", "the global batch, split evenly over the workers");
        numWorkers = new IntParam(this, "numWorkers", "tasks in the barrier stage; Spark needs as many free task slots");
        seed = new LongParam(this, "seed", "initialisation and shuffling");
        featuresCol = new Param<>(this, "featuresCol", "the features column: a vector or an array of numbers");
        labelCol = new Param<>(this, "labelCol", "the label column: class numbers 0, 1, 2, ...");
        predictionCol = new Param<>(this, "predictionCol", "the predicted class column the model adds");
        probabilityCol = new Param<>(this, "probabilityCol", "the class probabilities column the model adds");
        checkpointDir = new Param<>(this, "checkpointDir", "a folder every executor sees, for resuming after a failure; empty for none");
        setDefault(modelSpec, "784-30-10");
        setDefault(activation, "sigmoid");
        setDefault(optimizer, "sgd");
        setDefault(learningRate, 0.5);
        setDefault(momentum, 0.0);
        setDefault(epochs, 3);
        setDefault(batchSize, 10);
        setDefault(numWorkers, 2);
        setDefault(seed, 42L);
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(checkpointDir, "");
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

    /** @return the optimizer param */
    public Param<String> optimizer() {
        return optimizer;
    }

    /** @return the learning-rate param */
    public DoubleParam learningRate() {
        return learningRate;
    }

    /** @return the momentum param */
    public DoubleParam momentum() {
        return momentum;
    }

    /** @return the epochs param */
    public IntParam epochs() {
        return epochs;
    }

    /** @return the batch-size param */
    public IntParam batchSize() {
        return batchSize;
    }

    /** @return the workers param */
    public IntParam numWorkers() {
        return numWorkers;
    }

    /** @return the seed param */
    public LongParam seed() {
        return seed;
    }

    /** @return the features-column param */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** @return the label-column param */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** @return the prediction-column param */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** @return the probability-column param */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** @return the checkpoint-folder param */
    public Param<String> checkpointDir() {
        return checkpointDir;
    }

    /** @param v a model spec such as 784-30-10 @return this */
    public MyelinClassifier setModelSpec(String v) {
        set(modelSpec, v);
        return this;
    }

    /** @param v the activation @return this */
    public MyelinClassifier setActivation(String v) {
        set(activation, v);
        return this;
    }

    /** @param v the optimizer @return this */
    public MyelinClassifier setOptimizer(String v) {
        set(optimizer, v);
        return this;
    }

    /** @param v the learning rate @return this */
    public MyelinClassifier setLearningRate(double v) {
        set(learningRate, v);
        return this;
    }

    /** @param v the momentum @return this */
    public MyelinClassifier setMomentum(double v) {
        set(momentum, v);
        return this;
    }

    /** @param v the epochs @return this */
    public MyelinClassifier setEpochs(int v) {
        set(epochs, v);
        return this;
    }

    /** @param v the global batch @return this */
    public MyelinClassifier setBatchSize(int v) {
        set(batchSize, v);
        return this;
    }

    /** @param v the workers @return this */
    public MyelinClassifier setNumWorkers(int v) {
        set(numWorkers, v);
        return this;
    }

    /** @param v the seed @return this */
    public MyelinClassifier setSeed(long v) {
        set(seed, v);
        return this;
    }

    /** @param v the features column @return this */
    public MyelinClassifier setFeaturesCol(String v) {
        set(featuresCol, v);
        return this;
    }

    /** @param v the label column @return this */
    public MyelinClassifier setLabelCol(String v) {
        set(labelCol, v);
        return this;
    }

    /** @param v the name of the predicted-class column the model adds @return this */
    public MyelinClassifier setPredictionCol(String v) {
        set(predictionCol, v);
        return this;
    }

    /** @param v the name of the class-probabilities column the model adds @return this */
    public MyelinClassifier setProbabilityCol(String v) {
        set(probabilityCol, v);
        return this;
    }

    /** @param v the checkpoint folder, seen by every executor @return this */
    public MyelinClassifier setCheckpointDir(String v) {
        set(checkpointDir, v);
        return this;
    }

    /** @return the plan these params make */
    TrainingPlan plan() {
        String folder = getOrDefault(checkpointDir);
        return new TrainingPlan(getOrDefault(modelSpec), getOrDefault(activation), getOrDefault(optimizer),
                (Double) getOrDefault(learningRate), (Double) getOrDefault(momentum), (Integer) getOrDefault(epochs),
                (Integer) getOrDefault(batchSize), (Long) getOrDefault(seed), (Integer) getOrDefault(numWorkers),
                folder.isEmpty() ? null : folder, 0, 60, 0);
    }

    @Override
    public MyelinClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        TrainingPlan plan = plan();
        plan.check();
        JavaRDD<LabeledExample> rows = FeatureColumns.examples(dataset, getOrDefault(featuresCol), getOrDefault(labelCol));
        WorkerReport report = BarrierTraining.fit(rows, plan);
        MyelinClassificationModel model = new MyelinClassificationModel(uid, report.weights());
        copyValues(model, extractParamMap());
        return model.setParent(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureColumns.checkFeatures(schema, getOrDefault(featuresCol));
        FeatureColumns.checkLabel(schema, getOrDefault(labelCol));
        return FeatureColumns.withPredictions(schema, getOrDefault(predictionCol), getOrDefault(probabilityCol));
    }

    @Override
    public MyelinClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** @return Spark ML's reader of a saved classifier */
    public static MLReader<MyelinClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /** @param path where {@code write().save(path)} put it @return the classifier */
    public static MyelinClassifier load(String path) {
        return read().load(path);
    }
}
