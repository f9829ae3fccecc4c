package org.myelin.ops.gpu.jcuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/** The CUDA driver API through JCuda: what the pack runs on. */
final class JCudaCalls implements Driver {

    /** Device memory: JCuda's pointer. */
    record DeviceMemory(CUdeviceptr pointer) implements Memory {}

    private final Map<String, CUmodule> modules = new ConcurrentHashMap<>();
    private final Map<String, String> moduleOrigins = new ConcurrentHashMap<>();
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();

    @Override
    public CudaProbe.Verdict probe() {
        jcuda.driver.JCudaDriver.setExceptionsEnabled(false);
        int result = cuInit(0);
        if (result != CUresult.CUDA_SUCCESS) {
            return CudaProbe.Verdict.unavailable(result == CUresult.CUDA_ERROR_NO_DEVICE
                    ? "no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)" : "cuInit failed with " + CUresult.stringFor(result));
        }
        int[] count = new int[1];
        CudaException.check(cuDeviceGetCount(count), "count devices");
        if (count[0] == 0) {
            return CudaProbe.Verdict.unavailable("the CUDA driver loaded but found no device");
        }
        CudaDevice first = CudaDevices.open(0);
        String kernels = first.kernelOrigin("index"); // proves the kernels load: PTX JIT or NVRTC
        return new CudaProbe.Verdict(null, count[0], first.describe() + ", kernels from " + kernels + ", matmul by "
                + first.matmulEngine() + (count[0] > 1 ? ", " + count[0] + " devices" : ""));
    }

    @Override
    public CudaDevice open(int index) {
        String what = "open cuda:" + index;
        CUdevice device = new CUdevice();
        CudaException.check(cuDeviceGet(device, index), what);
        byte[] raw = new byte[256];
        CudaException.check(cuDeviceGetName(raw, raw.length, device), what);
        int length = 0;
        while (length < raw.length && raw[length] != 0) {
            length++;
        }
        int[] major = new int[1];
        int[] minor = new int[1];
        CudaException.check(cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                device), what);
        CudaException.check(cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                device), what);
        long[] total = new long[1];
        CudaException.check(cuDeviceTotalMem(total, device), what);
        // The primary context is the one the CUDA runtime, and so cuBLAS, uses too.
        CUcontext context = new CUcontext();
        CudaException.check(cuDevicePrimaryCtxRetain(context, device), what);
        CudaDevice d = new CudaDevice(index, new String(raw, 0, length, StandardCharsets.UTF_8), major[0], minor[0],
                total[0], context);
        makeCurrent(d);
        return d;
    }

    @Override
    public void makeCurrent(CudaDevice device) {
        CudaException.check(cuCtxSetCurrent((CUcontext) device.context()),
                "make the context of cuda:" + device.index() + " current");
    }

    @Override
    public Memory allocate(CudaDevice device, long bytes) {
        CUdeviceptr pointer = new CUdeviceptr();
        int result = cuMemAlloc(pointer, bytes);
        if (result == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            return null;
        }
        CudaException.check(result, "allocate " + bytes + " bytes on " + device.device());
        return new DeviceMemory(pointer);
    }

    @Override
    public void free(CudaDevice device, Memory memory) {
        makeCurrent(device);
        cuMemFree(pointer(memory));
    }

    @Override
    public void zero(Memory memory, long bytes) {
        CudaException.check(cuMemsetD8(pointer(memory), (byte) 0, bytes), "zero a new buffer");
    }

    @Override
    public void copyIn(Memory memory, Object host, long bytes) {
        CudaException.check(cuMemcpyHtoD(pointer(memory), hostPointer(host), bytes), "upload " + bytes + " bytes");
    }

    @Override
    public void copyOut(Object host, Memory memory, long byteOffset, long bytes) {
        CudaException.check(cuMemcpyDtoH(hostPointer(host), pointer(memory).withByteOffset(byteOffset), bytes),
                "download " + bytes + " bytes");
    }

    @Override
    public void launch(CudaDevice device, String program, String kernel, String what, int gridX, int gridY, int threads,
                       Object[] args) {
        makeCurrent(device);
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = param(args[i], what);
        }
        String step = what + ": launch " + kernel;
        CudaException.check(cuLaunchKernel(function(device, program, kernel), gridX, gridY, 1, threads, 1, 1, 0, null,
                Pointer.to(params), null), step);
        if (CudaException.SYNCHRONOUS) {
            synchronize(step);
        }
    }

    @Override
    public void synchronize(String what) {
        CudaException.check(cuCtxSynchronize(), what);
    }

    @Override
    public Blas openBlas(CudaDevice device) {
        return Blas.open(device.index());
    }

    @Override
    public String kernelOrigin(CudaDevice device, String program) {
        module(device, program);
        return moduleOrigins.get(device.index() + "/" + program);
    }

    /** @param memory memory of this driver @return its device pointer */
    static CUdeviceptr pointer(Memory memory) {
        return ((DeviceMemory) memory).pointer();
    }

    private static Pointer hostPointer(Object host) {
        return switch (host) {
            case float[] f -> Pointer.to(f);
            case double[] d -> Pointer.to(d);
            case long[] l -> Pointer.to(l);
            default -> throw new IllegalArgumentException("not a host array: " + host.getClass());
        };
    }

    private static Pointer param(Object arg, String what) {
        return switch (arg) {
            case Geometry g -> Pointer.to(g.words());
            case CudaBuffer b -> {
                // An empty buffer has no memory; a kernel given one (a sum over nothing, say) never reads it.
                Memory m = b.memory(what);
                yield Pointer.to(m == null ? new CUdeviceptr() : pointer(m));
            }
            case Integer i -> Pointer.to(new int[] {i});
            case Long l -> Pointer.to(new long[] {l});
            case Double d -> Pointer.to(new double[] {d});
            default -> throw new IllegalArgumentException("cannot pass a " + arg.getClass() + " to a kernel");
        };
    }

    private CUfunction function(CudaDevice device, String program, String kernel) {
        return functions.computeIfAbsent(device.index() + "/" + program + "/" + kernel, key -> {
            CUfunction f = new CUfunction();
            CudaException.check(cuModuleGetFunction(f, module(device, program), kernel),
                    "find kernel " + kernel + " in " + program);
            return f;
        });
    }

    private CUmodule module(CudaDevice device, String program) {
        String key = device.index() + "/" + program;
        return modules.computeIfAbsent(key, k -> {
            makeCurrent(device);
            KernelSources.Ptx ptx = KernelSources.ptx(program, device.computeMajor(), device.computeMinor());
            CUmodule m = new CUmodule();
            byte[] text = ptx.text().getBytes(StandardCharsets.US_ASCII);
            byte[] terminated = new byte[text.length + 1]; // the driver reads PTX as a C string
            System.arraycopy(text, 0, terminated, 0, text.length);
            CudaException.check(cuModuleLoadData(m, terminated), "load kernel program " + program + " (" + ptx.origin() + ")");
            moduleOrigins.put(k, ptx.origin());
            return m;
        });
    }
}
