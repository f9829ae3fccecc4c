package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The short reasons drawn from what JCuda throws, on the texts it really produces. */
class NativeErrorsTest {
    /** Abridged from JCuda 12.0.0 on a machine with no NVIDIA driver. */
    static final String NO_DRIVER = """
            Error while loading native library "JCudaDriver-12.0.0-linux-x86_64"
            Operating system name: Linux
            ---(start of nested stack traces)---
            Stack trace from the attempt to load the library as a file:
            java.lang.UnsatisfiedLinkError: no JCudaDriver-12.0.0-linux-x86_64 in java.library.path: /usr/lib
            Stack trace from the attempt to load the library as a resource:
            java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.0.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory
            ---(end of nested stack traces)---
            """;

    @Test
    void missingDriverNamesLibcuda() {
        assertEquals("libcuda.so.1 not found", NativeErrors.shortReason(new UnsatisfiedLinkError(NO_DRIVER)));
    }

    @Test
    void missingCublasNamesItsLibrary() {
        String text = NO_DRIVER.replace("JCudaDriver", "JCublas2").replace("libcuda.so.1", "libcublas.so.12");
        assertEquals("libcublas.so.12 not found", NativeErrors.shortReason(new UnsatisfiedLinkError(text)));
    }

    @Test
    void laterCallsPointAtTheFirstFailure() {
        String r = NativeErrors.shortReason(new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver"));
        assertTrue(r.startsWith("JCuda failed to initialise earlier"), r);
    }

    @Test
    void missingJniLibrarySaysWhereItLooked() {
        String text = """
                Error while loading native library "JCudaDriver-12.0.0-linux-x86_64"
                Stack trace from the attempt to load the library as a file:
                java.lang.UnsatisfiedLinkError: no JCudaDriver-12.0.0-linux-x86_64 in java.library.path: /usr/lib
                Stack trace from the attempt to load the library as a resource:
                java.lang.NullPointerException: Resource not found
                """;
        String r = NativeErrors.shortReason(new UnsatisfiedLinkError(text));
        assertTrue(r.contains("JCudaDriver") && r.contains("jcuda jar"), r);
    }

    @Test
    void anythingElseKeepsItsFirstLine() {
        assertEquals("IllegalStateException: boom", NativeErrors.shortReason(new IllegalStateException("boom\nmore")));
    }
}
