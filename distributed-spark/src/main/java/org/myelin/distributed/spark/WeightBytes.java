package org.myelin.distributed.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.myelin.api.Tensor;
import org.myelin.nn.io.SafeTensors;

/**
 * Weights as they travel through Spark: safetensors bytes. They go through a temporary file, so
 * that the reading is SafeTensors' own, with every header check it makes.
 */
final class WeightBytes {
    private WeightBytes() {}

    /** @return the weights, with the metadata myelin eval and predict read: the model spec and its activation */
    static byte[] of(Map<String, Tensor> weights, TrainingPlan plan) {
        try {
            Path tmp = Files.createTempFile("myelin-weights", ".safetensors");
            try {
                SafeTensors.save(tmp, weights, Map.of("format", "myelin", "model", plan.model(), "activation", plan.activation()));
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the weights in a temporary file", e);
        }
    }

    /**
     * @param bytes a safetensors file's bytes
     * @param where where they came from, for the error
     * @return the tensors by name
     */
    static Map<String, Tensor> tensors(byte[] bytes, String where) {
        try {
            Path tmp = Files.createTempFile("myelin-weights", ".safetensors");
            try {
                Files.write(tmp, bytes);
                return SafeTensors.load(tmp).tensors();
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the weights of " + where, e);
        }
    }
}
