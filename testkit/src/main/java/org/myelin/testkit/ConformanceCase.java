package org.myelin.testkit;

import java.util.Optional;

/** One check of the conformance suite: a named situation both kernel packs are put in. */
interface ConformanceCase {

    /** @return a readable name, such as {@code binary ADD float32 [3,1,5]x[4,5] broadcast} */
    String name();

    /**
     * @param reference the pack that defines the right answer
     * @param candidate the pack under test
     * @return empty when the candidate agrees, else a message naming the kernel, the views, the first
     *     differing index, and the expected and actual values
     */
    Optional<String> check(KernelPack reference, KernelPack candidate);
}
