package org.myelin.distributed;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * One direction of a ring link between two processes on one host: a single-producer,
 * single-consumer queue of floats in a memory-mapped file, as NCCL's shared-memory transport.
 * Over loopback TCP every float is copied four times (into a buffer, into the kernel, out of it,
 * out of the buffer); here it is copied in once and out once. The sender owns the head, the
 * receiver the tail, each published with release and read with acquire, so the floats a head
 * covers are visible before it is.
 */
final class SharedRing implements AutoCloseable {
    /** Head and tail on cache lines of their own, so the two processes do not fight over one. */
    private static final long HEAD = 0;
    private static final long TAIL = 64;
    private static final long DATA = 128;
    private static final VarHandle POSITION = ValueLayout.JAVA_LONG.varHandle();
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final Arena arena;
    private final MemorySegment segment;
    private final long capacity;
    private final Path file;
    private long head;
    private long tail;

    private SharedRing(Arena arena, MemorySegment segment, long capacity, Path file) {
        this.arena = arena;
        this.segment = segment;
        this.capacity = capacity;
        this.file = file;
    }

    /** The receiver's side: makes the file, zeroed, and maps it; {@link #file()} goes to the sender. */
    static SharedRing create(Path folder, int capacityFloats) throws IOException {
        Path file = folder.resolve("myelin-ring-" + UUID.randomUUID() + ".shm");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long bytes = DATA + 4L * capacityFloats;
            ch.truncate(bytes);
            ch.position(bytes - 1).write(java.nio.ByteBuffer.wrap(new byte[1]));
            Arena arena = Arena.ofShared();
            return new SharedRing(arena, ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena), capacityFloats, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The sender's side: maps the receiver's file. */
    static SharedRing open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long bytes = ch.size();
            if (bytes <= DATA || (bytes - DATA) % 4 != 0) {
                throw new IOException(file + " is not a ring of floats (" + bytes + " bytes)");
            }
            Arena arena = Arena.ofShared();
            return new SharedRing(arena, ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena), (bytes - DATA) / 4, file);
        }
    }

    /** A shared-memory folder: /dev/shm where there is one, else the temporary folder. */
    static Path folder() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path file() {
        return file;
    }

    /** Once both sides have mapped it, the name can go; the mappings stay. */
    void unlink() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A file left in /dev/shm is wasted memory, not a wrong result.
        }
    }

    /**
     * Copies as many floats as there is room for, without waiting.
     *
     * @return how many were copied
     */
    int offer(float[] src, int offset, int length) {
        long free = capacity - (head - (long) POSITION.getAcquire(segment, TAIL));
        int n = (int) Math.min(length, Math.min(free, capacity - head % capacity));
        if (n > 0) {
            MemorySegment.copy(src, offset, segment, FLOAT, DATA + 4 * (head % capacity), n);
            head += n;
            POSITION.setRelease(segment, HEAD, head);
        }
        return n;
    }

    /**
     * Takes as many floats as have come, up to {@code length}, without waiting, and stores them in
     * {@code dst} or adds them to it (through {@code scratch}, which bounds how many are taken).
     *
     * @return how many were taken
     */
    int poll(float[] dst, int offset, int length, boolean add, float[] scratch) {
        long ready = (long) POSITION.getAcquire(segment, HEAD) - tail;
        int n = (int) Math.min(Math.min(length, ready), capacity - tail % capacity);
        if (n > 0) {
            long at = DATA + 4 * (tail % capacity);
            if (add) {
                // Straight from the ring, in one pass: a copy into scratch first would read every float twice.
                MemorySegment ring = segment.asSlice(at, 4L * n);
                for (int i = 0; i < n; i++) {
                    dst[offset + i] += ring.getAtIndex(FLOAT, i);
                }
            } else {
                MemorySegment.copy(segment, FLOAT, at, dst, offset, n);
            }
            tail += n;
            POSITION.setRelease(segment, TAIL, tail);
        }
        return n;
    }

    @Override
    public void close() {
        arena.close();
    }
}
