package org.myelin.distributed.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.myelin.api.InvalidArgumentException;

/** The columns Myelin reads from a DataFrame: features as a vector or a numeric array, a numeric label. */
final class FeatureColumns {
    private FeatureColumns() {}

    static void checkFeatures(StructType schema, String features) {
        DataType type = field(schema, features, "features").dataType();
        boolean array = type instanceof ArrayType a && a.elementType() instanceof NumericType;
        if (!type.equals(SQLDataTypes.VectorType()) && !array) {
            throw new InvalidArgumentException("column '" + features + "' is " + type.simpleString() + "; the features "
                    + "must be a vector (VectorAssembler makes one) or an array of numbers");
        }
    }

    static void checkLabel(StructType schema, String label) {
        DataType type = field(schema, label, "label").dataType();
        if (!(type instanceof NumericType)) {
            throw new InvalidArgumentException("column '" + label + "' is " + type.simpleString()
                    + "; the label must be a class number 0, 1, 2, ... (StringIndexer makes one from strings)");
        }
    }

    private static StructField field(StructType schema, String name, String role) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new InvalidArgumentException("the DataFrame has no " + role + " column '" + name + "'; its columns are "
                + String.join(", ", schema.fieldNames()) + " (set " + role + "Col to one of them)");
    }

    static JavaRDD<LabeledExample> examples(Dataset<?> data, String features, String label) {
        checkFeatures(data.schema(), features);
        checkLabel(data.schema(), label);
        return data.toDF().select(features, label).javaRDD().map(row -> {
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new InvalidArgumentException("a row has a null " + (row.isNullAt(0) ? features : label)
                        + "; drop or fill the nulls first (na().drop())");
            }
            double y = ((Number) row.get(1)).doubleValue();
            if (y < 0 || y != Math.rint(y) || y > Integer.MAX_VALUE) {
                throw new InvalidArgumentException("label " + y + " is not a class number 0, 1, 2, ...");
            }
            return new LabeledExample(floats(row, 0), (int) y);
        });
    }

    static float[] floats(Row row, int column) {
        Object value = row.get(column);
        if (value instanceof Vector v) {
            double[] d = v.toArray();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        List<Object> list = row.getList(column);
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) list.get(i)).floatValue();
        }
        return f;
    }

    /** @return the schema with the model's two output columns added */
    static StructType withPredictions(StructType schema, String prediction, String probability) {
        for (String name : new String[] {prediction, probability}) {
            if (List.of(schema.fieldNames()).contains(name)) {
                throw new InvalidArgumentException("the DataFrame has a column '" + name + "' already; set predictionCol "
                        + "and probabilityCol to new names");
            }
        }
        return schema.add(prediction, DataTypes.DoubleType, false).add(probability, SQLDataTypes.VectorType(), false);
    }
}
