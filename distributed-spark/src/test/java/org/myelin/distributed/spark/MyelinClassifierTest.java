package org.myelin.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.InvalidArgumentException;
import org.myelin.data.TensorDataset;

/**
 * MyelinClassifier as a Spark ML stage: fit on a DataFrame read from Parquet (features a vector,
 * label a double), transform adds prediction and probability, and a saved Pipeline loads back and
 * predicts alike.
 */
@Tag("dataset")
class MyelinClassifierTest {
    @TempDir
    Path tmp;

    @Test
    void fitOnAParquetDataFrameThenTransformThenSaveAndLoadInAPipeline() throws java.io.IOException {
        SparkSession spark = SparkSessionSupport.session();
        TrainingData.Files mnist = new TrainingData.Files("mnist", null);
        String parquet = tmp.resolve("train.parquet").toString();
        frame(spark, mnist.load(true), 20_000).write().parquet(parquet);
        Dataset<Row> train = spark.read().parquet(parquet);
        Dataset<Row> test = frame(spark, mnist.load(false), 10_000);

        MyelinClassifier classifier = new MyelinClassifier().setModelSpec("784-30-10").setEpochs(2).setNumWorkers(2);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {classifier}).fit(train);
        Dataset<Row> predicted = fitted.transform(test).cache();
        assertEquals(List.of("features", "label", "prediction", "probability"), List.of(predicted.columns()));
        double accuracy = predicted.filter("prediction = label").count() / 10_000.0;
        System.out.printf("MyelinClassifier, 20,000 rows of MNIST from Parquet, 2 workers, 2 epochs: test accuracy %.4f%n",
                accuracy);
        assertTrue(accuracy >= 0.90, "accuracy " + accuracy);
        Vector p = predicted.first().getAs("probability");
        assertEquals(10, p.size());
        assertEquals(1.0, java.util.Arrays.stream(p.toArray()).sum(), 1e-5);

        String saved = tmp.resolve("pipeline").toString();
        fitted.write().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        double[] before = predictions(predicted);
        double[] after = predictions(loaded.transform(test));
        assertArrayEquals(before, after, "the loaded pipeline predicts as the saved one");
        MyelinClassificationModel model = (MyelinClassificationModel) loaded.stages()[0];
        assertEquals("784-30-10", model.getOrDefault(model.modelSpec()));
    }

    @Test
    void aMissingOrWrongColumnIsOneClearLine() {
        SparkSession spark = SparkSessionSupport.session();
        StructType schema = new StructType().add("pixels", DataTypes.StringType).add("label", DataTypes.DoubleType);
        Dataset<Row> bad = spark.createDataFrame(List.of(RowFactory.create("x", 1.0)), schema);
        var classifier = new MyelinClassifier();
        var e = assertThrows(InvalidArgumentException.class, () -> classifier.fit(bad));
        assertEquals("the DataFrame has no features column 'features'; its columns are pixels, label (set featuresCol "
                + "to one of them)", e.getMessage());
        var wrongType = assertThrows(InvalidArgumentException.class, () -> classifier.setFeaturesCol("pixels").fit(bad));
        assertTrue(wrongType.getMessage().startsWith("column 'pixels' is string; the features must be a vector"),
                wrongType.getMessage());
    }

    private static double[] predictions(Dataset<Row> frame) {
        return frame.select("prediction").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
    }

    /** The first {@code rows} examples as (features vector, label double), as VectorAssembler would give them. */
    static Dataset<Row> frame(SparkSession spark, TensorDataset data, int rows) {
        var batch = data.batch(java.util.stream.LongStream.range(0, rows).toArray());
        float[] x = batch.inputs().toFloatArray();
        long[] y = batch.targets().toLongArray();
        int width = x.length / rows;
        List<Row> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double[] f = new double[width];
            for (int j = 0; j < width; j++) {
                f[j] = x[i * width + j];
            }
            list.add(RowFactory.create(Vectors.dense(f), (double) y[i]));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(list, schema);
    }
}
