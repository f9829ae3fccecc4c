package org.myelin.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The one list of conformance cases, shared by {@link BackendConformance#against} and
 * {@link BackendConformance#run}. A fixed seed makes it the same list, with the same names, shapes
 * and values, in every run on every machine. It is built once and never changed afterwards (cases
 * upload fresh copies of their values), so it is safe to share between threads.
 */
final class ConformanceCases {
    /** The suite's seed; changing it changes every generated shape and value. */
    static final long SEED = 0x4D59454C494EL; // "MYELIN"

    private ConformanceCases() {}

    private static final class Holder {
        static final List<ConformanceCase> ALL = build();
    }

    /** @return every case, in a fixed order */
    static List<ConformanceCase> all() {
        return Holder.ALL;
    }

    /** @return a freshly generated list, equal to {@link #all()} case for case */
    static List<ConformanceCase> build() {
        ViewMaker maker = new ViewMaker(new SplittableRandom(SEED));
        List<ConformanceCase> cases = new ArrayList<>();
        MemoryCases.addTo(cases, maker);
        FillCopyCases.addTo(cases, maker);
        UnaryCases.addTo(cases, maker);
        BinaryCases.addTo(cases, maker);
        SelectionCases.addTo(cases, maker);
        ReduceCases.addTo(cases, maker);
        SoftmaxCases.addTo(cases, maker);
        MatmulCases.addTo(cases, maker);
        RandomCases.addTo(cases, maker);
        IndexCases.addTo(cases, maker);
        OptimizerCases.addTo(cases, maker);
        LargeCases.addTo(cases, maker);
        WindowCases.addTo(cases, maker);
        return List.copyOf(uniquelyNamed(cases));
    }

    /** Random sizes can make two names collide; a suffix keeps every test name distinct. */
    private static List<ConformanceCase> uniquelyNamed(List<ConformanceCase> cases) {
        Map<String, Integer> seen = new HashMap<>();
        List<ConformanceCase> out = new ArrayList<>(cases.size());
        for (ConformanceCase c : cases) {
            int n = seen.merge(c.name(), 1, Integer::sum);
            out.add(n == 1 ? c : renamed(c, c.name() + " #" + n));
        }
        return out;
    }

    private static ConformanceCase renamed(ConformanceCase c, String name) {
        return new ConformanceCase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> check(KernelPack reference, KernelPack candidate) {
                return c.check(reference, candidate).map(m -> name + m.substring(c.name().length()));
            }
        };
    }
}
