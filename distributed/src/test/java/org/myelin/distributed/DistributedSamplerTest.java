package org.myelin.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.myelin.api.InvalidArgumentException;

class DistributedSamplerTest {

    @Test
    void theRanksShareOnePermutationWithoutOverlap() {
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < 4; r++) {
            DistributedSampler s = new DistributedSampler(100, r, 4, 7, true);
            s.setEpoch(3);
            long[] mine = s.indices();
            assertEquals(25, mine.length);
            for (long i : mine) {
                assertTrue(seen.add(i), "index " + i + " twice");
            }
        }
        assertEquals(100, seen.size());
    }

    @Test
    void unevenSizesArePaddedFromThePermutationsStart() {
        long[][] shards = new long[3][];
        for (int r = 0; r < 3; r++) {
            shards[r] = new DistributedSampler(10, r, 3, 0, false).indices();
        }
        // 10 examples on 3 ranks: 4 each, the 12 positions 0..9, 0, 1 dealt round-robin.
        assertArrayEquals(new long[] {0, 3, 6, 9}, shards[0]);
        assertArrayEquals(new long[] {1, 4, 7, 0}, shards[1]);
        assertArrayEquals(new long[] {2, 5, 8, 1}, shards[2]);
    }

    @Test
    void eachEpochHasItsOwnPermutationTheSameOnEveryRun() {
        DistributedSampler a = new DistributedSampler(50, 1, 2, 42, true);
        DistributedSampler b = new DistributedSampler(50, 1, 2, 42, true);
        a.setEpoch(1);
        b.setEpoch(1);
        assertArrayEquals(a.indices(), b.indices());
        long[] first = a.indices().clone();
        a.setEpoch(2);
        assertFalse(Arrays.equals(first, a.indices()));
        assertThrows(InvalidArgumentException.class, () -> new DistributedSampler(10, 3, 3, 0, true));
    }
}
