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

    /** A file of this header (as written) and this many data bytes. */
    private Path file(String name, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 + h.length + dataBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        Path f = tmp.resolve(name);
        Files.write(f, buf.array());
        return f;
    }

    private static void refused(Path f, String... mentions) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> SafeTensors.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "'" + m + "' in: " + e.getMessage());
        }
    }

    @Test
    void everyClaimOfTheHeaderIsCheckedAndTheFieldNamed() throws IOException {
        refused(file("overflow.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],"
                + "\"data_offsets\":[0,16]}}", 16), "w.shape", "more elements");
        refused(file("escape.safetensors", "{\"w\\uZZZZ\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "\\u escape");
        refused(file("strings.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\"0\",\"4\"]}}", 4),
                "w.data_offsets", "two integers");
        refused(file("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "b.data_offsets", "overlaps");
        refused(file("gap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
                "a.data_offsets", "no tensor uses");
        refused(file("tail.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 12),
                "data", "4 of its 12 bytes");
        refused(file("meta.safetensors", "{\"__metadata__\":{\"epochs\":3},\"a\":{\"dtype\":\"F32\",\"shape\":[1],"
                + "\"data_offsets\":[0,4]}}", 4), "__metadata__.epochs", "not a string");
        refused(file("field.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4),
                "a.x");
        refused(file("dtype.safetensors", "{\"a\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2),
                "a.dtype", "BF16");
        refused(file("float.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", 4),
                "only integers");
    }

    @Test
    void aSaveKeepsTheFilesPermissionsAndWritesThroughASymlink() throws IOException {
        Path real = tmp.resolve("real.safetensors");
        SafeTensors.save(real, Map.of("w", Tensor.ones(2)), Map.of());
        var perms = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(real, perms);
        Path link = Files.createSymbolicLink(tmp.resolve("link.safetensors"), real.getFileName());
        SafeTensors.save(link, Map.of("w", Tensor.full(7, 2)), Map.of());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertArrayEquals(new float[] {7, 7}, SafeTensors.load(real).tensors().get("w").toFloatArray());
        assertEquals(perms, Files.getPosixFilePermissions(real));
    }

    @Test
    void aSaveRemovesWhatAKilledWriterOfTheSameFileLeftAndNothingElse() throws IOException {
        Path target = tmp.resolve("m.safetensors");
        Path stale = Files.createFile(tmp.resolve(".m.safetensors.2147483646.1f2e.tmp")); // no such process
        Path oldStyle = Files.createFile(tmp.resolve(".m.safetensors4242.tmp"));
        Path live = Files.createFile(tmp.resolve(".m.safetensors." + ProcessHandle.current().pid() + ".beef.tmp"));
        Path other = Files.createFile(tmp.resolve(".n.safetensors.2147483646.1f2e.tmp"));
        SafeTensors.save(target, Map.of("w", Tensor.ones(1)), Map.of());
        assertTrue(!Files.exists(stale) && !Files.exists(oldStyle), "a dead writer's temporary files are gone");
        assertTrue(Files.exists(live), "a running writer's is left alone");
        assertTrue(Files.exists(other), "another target's is left alone");
    }

    @Test
    void aFailedSaveLeavesTheOldFileAsItWas() throws IOException {
        Path target = tmp.resolve("keep.safetensors");
        SafeTensors.save(target, Map.of("w", Tensor.ones(2)), Map.of());
        byte[] before = Files.readAllBytes(target);
        Tensor broken = new org.myelin.api.Tensor() {
            @Override public org.myelin.api.Shape shape() { return org.myelin.api.Shape.of(2); }
            @Override public org.myelin.api.DType dtype() { return org.myelin.api.DType.FLOAT32; }
            @Override public org.myelin.api.Device device() { return org.myelin.api.Device.CPU; }
            @Override public boolean isContiguous() { return true; }
            @Override public org.myelin.api.TensorEngine engine() { return org.myelin.api.TensorEngine.get(); }
            @Override public Tensor requiresGrad(boolean r) { return this; }
            @Override public boolean requiresGrad() { return false; }
            @Override public Tensor grad() { return null; }
            @Override public void setGrad(Tensor g) {}
            @Override public Tensor retainGrad() { return this; }
            @Override public boolean isLeaf() { return true; }
            @Override public String gradFn() { return null; }
            @Override public Tensor detach() { return this; }
            @Override public long version() { return 0; }
            @Override public double[] toDoubleArray() { throw new IllegalStateException("the device went away"); }
            @Override public long[] toLongArray() { throw new IllegalStateException("the device went away"); }
        };
        assertThrows(IllegalStateException.class, () -> SafeTensors.save(target, Map.of("w", broken), Map.of()));
        assertArrayEquals(before, Files.readAllBytes(target));
        try (var listing = Files.list(tmp)) {
            assertEquals(1, listing.count(), "the temporary file is gone");
        }
    }
}
