package org.myelin.testkit;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;

/**
 * Conformance cases for a backend's memory API on its own: allocation is zero-filled with the
 * asked-for type and length, and a partial download returns exactly the uploaded elements.
 */
final class MemoryCases {
    private MemoryCases() {}

    /** A case checked on the candidate alone, against known answers. */
    private record KnownAnswerCase(String name, Function<Backend, Optional<String>> check) implements ConformanceCase {
        @Override
        public Optional<String> check(KernelPack reference, KernelPack candidate) {
            try {
                return check.apply(candidate.backend()).map(problem -> name + ": " + problem);
            } catch (RuntimeException e) {
                return Optional.of(name + ": threw " + e);
            }
        }
    }

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (DType dtype : Scenario.ALL_TYPES) {
            for (long length : new long[] {0, 1, 1031}) {
                cases.add(new KnownAnswerCase(Scenario.name("memory allocate", Names.dtype(dtype), "[" + length + "]",
                        "is zero-filled"), backend -> allocate(backend, dtype, length)));
            }
            HostView data = m.make(dtype, new long[] {m.pick(31, 67)}, Layout.CONTIGUOUS,
                    dtype == DType.INT64 ? Values.integers(-1_000_000, 1_000_000) : Values.uniform(-1e6, 1e6));
            cases.add(new KnownAnswerCase(Scenario.name("memory upload and partial download", Names.dtype(dtype),
                    Names.shape(data.shape())), backend -> roundTrip(backend, data)));
        }
    }

    private static Optional<String> allocate(Backend backend, DType dtype, long length) {
        Buffer buffer = backend.allocate(dtype, length, new Device(backend.deviceType(), 0));
        if (buffer.dtype() != dtype || buffer.length() != length) {
            return Optional.of("allocated " + buffer.dtype() + " x " + buffer.length() + ", asked for " + dtype + " x " + length);
        }
        double[] values = Transfers.download(backend, buffer);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                return Optional.of("element " + i + " is " + values[i] + ", not 0");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> roundTrip(Backend backend, HostView data) {
        Buffer buffer = Transfers.upload(backend, data, new Device(backend.deviceType(), 0));
        int offset = 3;
        int length = data.data().length - 5;
        double[] part = backend.download(buffer, offset, length);
        if (part.length != length) {
            return Optional.of("download(offset " + offset + ", length " + length + ") returned " + part.length + " elements");
        }
        for (int i = 0; i < length; i++) {
            if (!Tolerance.EXACT.accepts(data.data()[offset + i], part[i], 0)) {
                return Optional.of("element " + (offset + i) + " downloads as " + part[i] + ", uploaded "
                        + data.data()[offset + i]);
            }
        }
        return Optional.empty();
    }
}
