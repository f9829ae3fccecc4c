package org.myelin.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.DataFormatException;
import org.myelin.api.Tensor;

class SafeTensorsTest {
    @TempDir
    Path tmp;

    @Test
    void tensorsAndMetadataRoundTripExactly() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", Tensor.of(new float[] {1.5f, -2f, 3.25f, Float.MIN_VALUE, 7, 8}, 2, 3));
        tensors.put("0.bias", Tensor.of(new double[] {Math.PI, -0.0}));
        tensors.put("steps", Tensor.of(new long[] {Long.MAX_VALUE}));
        Path file = tmp.resolve("m.safetensors");
        SafeTensors.save(file, tensors, Map.of("model", "linear(3,2) \"quoted\"\n"));
        SafeTensors.Contents back = SafeTensors.load(file);
        assertEquals(tensors.keySet(), back.tensors().keySet());
        assertArrayEquals(tensors.get("0.weight").toFloatArray(), back.tensors().get("0.weight").toFloatArray());
        assertEquals(tensors.get("0.weight").shape(), back.tensors().get("0.weight").shape());
        assertArrayEquals(tensors.get("0.bias").toDoubleArray(), back.tensors().get("0.bias").toDoubleArray());
        assertArrayEquals(new long[] {Long.MAX_VALUE}, back.tensors().get("steps").toLongArray());
        assertEquals("linear(3,2) \"quoted\"\n", back.metadata().get("model"));
    }

    @Test
    void savingReplacesTheOldFileOnlyWhenTheNewOneIsComplete() throws IOException {
        Path file = tmp.resolve("m.safetensors");
        SafeTensors.save(file, Map.of("w", Tensor.ones(2)), Map.of());
        SafeTensors.save(file, Map.of("w", Tensor.full(3, 4)), Map.of());
        assertArrayEquals(new float[] {3, 3, 3, 3}, SafeTensors.load(file).tensors().get("w").toFloatArray());
        try (var listing = Files.list(tmp)) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
    }

    @Test
    void headerClaimsAreCheckedBeforeAnythingIsAllocated() throws IOException {
        Path file = tmp.resolve("bad.safetensors");
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,40000000000]}}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = new byte[8 + h.length];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(h.length);
        System.arraycopy(h, 0, bytes, 8, h.length);
        Files.write(file, bytes);
        DataFormatException e = assertThrows(DataFormatException.class, () -> SafeTensors.load(file));
        assertTrue(e.getMessage().contains("claims") && e.getMessage().contains("bad.safetensors"), e.getMessage());
    }
}
