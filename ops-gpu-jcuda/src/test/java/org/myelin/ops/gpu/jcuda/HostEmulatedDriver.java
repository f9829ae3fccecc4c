package org.myelin.ops.gpu.jcuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A {@link Driver} that runs the pack's CUDA C kernels compiled for the host (src/test/cuda/host_shim.h)
 * through the Foreign Function API, on native host memory. Grid-stride kernels run as one thread; the
 * kernels that cooperate within a block (reduce.cu's, and gemm.cu's tiles) run each block as
 * {@link Launch#THREADS} OS threads meeting at a barrier, so shared memory and __syncthreads behave.
 * What it cannot show: launch configuration limits, JCuda's argument passing, PTX JIT, real atomics
 * contention and timing. Those need the GPU run.
 */
final class HostEmulatedDriver implements Driver {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout GEO = MemoryLayout.sequenceLayout(Geometry.WORDS, ValueLayout.JAVA_LONG);
    private static final MemoryLayout GEO_STRUCT = MemoryLayout.structLayout(GEO);
    /**
     * Threads per block for reduce.cu, which the test builds with {@code -DBLOCK=4}: the same tree
     * reductions as with 256, without 256 OS threads meeting at every barrier on a small CI machine.
     */
    static final int REDUCE_BLOCK = 4;

    /** Host memory standing in for device memory. */
    record HostMemory(MemorySegment segment, Arena arena) implements Memory {}

    private final SymbolLookup library;
    private final MethodHandle setDims;
    private final MethodHandle setThread;
    private final Map<String, MethodHandle> kernels = new ConcurrentHashMap<>();
    private final ExecutorService blockThreads = Executors.newFixedThreadPool(Launch.THREADS, r -> {
        Thread t = new Thread(r, "emulated-cuda-thread");
        t.setDaemon(true);
        return t;
    });

    HostEmulatedDriver(Path sharedLibrary) {
        library = SymbolLookup.libraryLookup(sharedLibrary, Arena.global());
        setDims = LINKER.downcallHandle(library.findOrThrow("emu_set_dims"),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        setThread = LINKER.downcallHandle(library.findOrThrow("emu_set_thread"),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    @Override
    public CudaProbe.Verdict probe() {
        return new CudaProbe.Verdict(null, 1, "host emulation of the CUDA kernels");
    }

    @Override
    public CudaDevice open(int index) {
        return new CudaDevice(index, "host emulation", 7, 5, 1L << 32, null);
    }

    @Override
    public void makeCurrent(CudaDevice device) {
        // one host, no contexts
    }

    @Override
    public Memory allocate(CudaDevice device, long bytes) {
        Arena arena = Arena.ofShared();
        return new HostMemory(arena.allocate(bytes, 16), arena);
    }

    @Override
    public void free(CudaDevice device, Memory memory) {
        ((HostMemory) memory).arena().close();
    }

    @Override
    public void zero(Memory memory, long bytes) {
        ((HostMemory) memory).segment().asSlice(0, bytes).fill((byte) 0);
    }

    @Override
    public void copyIn(Memory memory, Object host, long bytes) {
        MemorySegment to = ((HostMemory) memory).segment();
        switch (host) {
            case float[] f -> MemorySegment.copy(f, 0, to, ValueLayout.JAVA_FLOAT, 0, (int) (bytes / 4));
            case double[] d -> MemorySegment.copy(d, 0, to, ValueLayout.JAVA_DOUBLE, 0, (int) (bytes / 8));
            case long[] l -> MemorySegment.copy(l, 0, to, ValueLayout.JAVA_LONG, 0, (int) (bytes / 8));
            default -> throw new IllegalArgumentException(host.getClass().toString());
        }
    }

    @Override
    public void copyOut(Object host, Memory memory, long byteOffset, long bytes) {
        MemorySegment from = ((HostMemory) memory).segment();
        switch (host) {
            case float[] f -> MemorySegment.copy(from, ValueLayout.JAVA_FLOAT, byteOffset, f, 0, (int) (bytes / 4));
            case double[] d -> MemorySegment.copy(from, ValueLayout.JAVA_DOUBLE, byteOffset, d, 0, (int) (bytes / 8));
            case long[] l -> MemorySegment.copy(from, ValueLayout.JAVA_LONG, byteOffset, l, 0, (int) (bytes / 8));
            default -> throw new IllegalArgumentException(host.getClass().toString());
        }
    }

    @Override
    public void launch(CudaDevice device, String program, String kernel, String what, int gridX, int gridY, int threads,
                       Object[] args) {
        try (Arena call = Arena.ofShared()) { // shared: the block's threads read the Geo structs
            MethodHandle handle = kernels.computeIfAbsent(kernel, k -> LINKER.downcallHandle(library.findOrThrow(k),
                    descriptor(args)));
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = value(args[i], call, what);
            }
            switch (program) {
                case "reduce" -> runBlocks(handle, values, 1, 1, REDUCE_BLOCK);  // grid-stride over outputs
                case "gemm" -> runBlocks(handle, values, gridX, gridY, threads); // one tile per block
                default -> runBlocks(handle, values, 1, 1, 1);                   // grid-stride over elements
            }
        }
    }

    private void runBlocks(MethodHandle handle, Object[] values, int gridX, int gridY, int threads) {
        try {
            setDims.invokeExact(gridX, gridY, threads);
            for (int by = 0; by < gridY; by++) {
                for (int bx = 0; bx < gridX; bx++) {
                    List<Future<?>> running = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int x = bx;
                        int y = by;
                        int tx = t;
                        running.add(blockThreads.submit(() -> {
                            try {
                                setThread.invokeExact(x, y, tx);
                                handle.invokeWithArguments(values);
                            } catch (Throwable e) {
                                throw new IllegalStateException(e);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : running) {
                        f.get();
                    }
                }
            }
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("emulated launch failed: " + root, e);
        }
    }

    private static FunctionDescriptor descriptor(Object[] args) {
        MemoryLayout[] layouts = new MemoryLayout[args.length];
        for (int i = 0; i < args.length; i++) {
            layouts[i] = switch (args[i]) {
                case Geometry g -> GEO_STRUCT;
                case CudaBuffer b -> ValueLayout.ADDRESS;
                case Integer n -> ValueLayout.JAVA_INT;
                case Long n -> ValueLayout.JAVA_LONG;
                case Double n -> ValueLayout.JAVA_DOUBLE;
                default -> throw new IllegalArgumentException(args[i].getClass().toString());
            };
        }
        return FunctionDescriptor.ofVoid(layouts);
    }

    private static Object value(Object arg, Arena call, String what) {
        return switch (arg) {
            case Geometry g -> call.allocateFrom(ValueLayout.JAVA_LONG, g.words());
            case CudaBuffer b -> b.memory(what) == null ? MemorySegment.NULL : ((HostMemory) b.memory(what)).segment();
            default -> arg;
        };
    }

    @Override
    public void synchronize(String what) {
        // launches complete before launch returns
    }

    @Override
    public Blas openBlas(CudaDevice device) {
        return Blas.unavailable("host emulation has no cuBLAS");
    }

    @Override
    public String kernelOrigin(CudaDevice device, String program) {
        return "host emulation";
    }
}
