package org.myelin.ops.gpu.jcuda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what JCuda throws when a native library does not load into one short reason for
 * {@code myelin doctor}. JCuda's UnsatisfiedLinkError holds, deep in its text, the loader's own
 * message such as {@code libJCudaDriver-...so: libcuda.so.1: cannot open shared object file}.
 */
final class NativeErrors {
    private static final Pattern MISSING_LIBRARY =
            Pattern.compile("(lib[A-Za-z0-9_+.-]+?\\.so(?:\\.[0-9]+)*): cannot open shared object file");
    private static final Pattern MISSING_JNI = Pattern.compile("no (J[A-Za-z0-9]+)-[0-9.]+-[a-z0-9_-]+ in java\\.library\\.path");

    private NativeErrors() {}

    /**
     * @param t what a JCuda call threw
     * @return a short reason, such as {@code libcuda.so.1 not found}
     */
    static String shortReason(Throwable t) {
        String text = allMessages(t);
        Matcher missing = MISSING_LIBRARY.matcher(text);
        if (missing.find()) {
            return missing.group(1) + " not found";
        }
        if (t instanceof NoClassDefFoundError && text.contains("Could not initialize class")) {
            return "JCuda failed to initialise earlier in this JVM (" + firstLine(t.getMessage()) + ")";
        }
        Matcher jni = MISSING_JNI.matcher(text);
        if (jni.find() && text.contains("attempt to load the library as a resource")) {
            return "JCuda's native library " + jni.group(1) + " is neither on java.library.path nor inside the jcuda jar";
        }
        return t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
    }

    private static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
