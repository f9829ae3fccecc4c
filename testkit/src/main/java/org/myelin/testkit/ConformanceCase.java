package org.myelin.testkit;

import java.util.Optional;
import org.myelin.api.spi.Backend;

/** One check of the conformance suite: a named situation both backends are put in. */
interface ConformanceCase {

    /** @return a readable name, such as {@code binary ADD float32 [3,1,5]x[4,5] broadcast} */
    String name();

    /**
     * @param reference the backend that defines the right answer
     * @param candidate the backend under test
     * @return empty when the candidate agrees, else a message naming the kernel, the views, the first
     *     differing index, and the expected and actual values
     */
    Optional<String> check(Backend reference, Backend candidate);
}
