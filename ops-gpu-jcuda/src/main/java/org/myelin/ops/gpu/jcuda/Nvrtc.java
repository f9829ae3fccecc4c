package org.myelin.ops.gpu.jcuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/** Run-time compilation of CUDA C to PTX with NVRTC, for machines where the build had no nvcc. */
final class Nvrtc {
    private Nvrtc() {}

    /** @return NVRTC's version, such as {@code 12.0} (loads the library) */
    static String version() {
        int[] major = new int[1];
        int[] minor = new int[1];
        JNvrtc.setExceptionsEnabled(false);
        JNvrtc.nvrtcVersion(major, minor);
        return major[0] + "." + minor[0];
    }

    /**
     * @param name       the program's file name, for messages
     * @param source     its CUDA C
     * @param headerName the one header it includes
     * @param header     that header's text
     * @param arch       the {@code --gpu-architecture} option
     * @return the PTX
     * @throws CudaException naming the program and carrying NVRTC's log when it does not compile
     */
    static String compile(String name, String source, String headerName, String header, String arch) {
        JNvrtc.setExceptionsEnabled(false);
        nvrtcProgram program = new nvrtcProgram();
        check(JNvrtc.nvrtcCreateProgram(program, source, name, 1, new String[] {header}, new String[] {headerName}),
                "create program " + name, null);
        try {
            List<String> options = new ArrayList<>(KernelSources.NVRTC_OPTIONS);
            options.add(arch);
            int result = JNvrtc.nvrtcCompileProgram(program, options.size(), options.toArray(String[]::new));
            String[] log = new String[1];
            JNvrtc.nvrtcGetProgramLog(program, log);
            check(result, "compile " + name + " with " + options, log[0]);
            String[] ptx = new String[1];
            check(JNvrtc.nvrtcGetPTX(program, ptx), "read the PTX of " + name, null);
            return ptx[0];
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static void check(int result, String what, String log) {
        if (result != nvrtcResult.NVRTC_SUCCESS) {
            String error = nvrtcResult.stringFor(result);
            throw new CudaException(error, "cuda: NVRTC failed to " + what + ": " + error
                    + (log == null || log.isBlank() ? "" : "\n" + log.strip()));
        }
    }
}
