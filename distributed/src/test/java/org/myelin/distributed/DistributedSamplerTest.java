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
import org.myelin.data.Sampler;

class DistributedSamplerTest {

    @Test
    void theRanksShareOnePermutationWithoutOverlap() {
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < 4; r++) {
            DistributedSampler s = new DistributedSampler(100, r, 4, 7, true);
            s.setEpoch(3);
            int[] mine = s.indices();
            assertEquals(25, mine.length);
            for (long i : mine) {
                assertTrue(seen.add(i), "index " + i + " twice");
            }
        }
        assertEquals(100, seen.size());
    }

    @Test
    void unevenSizesArePaddedFromThePermutationsStart() {
        int[][] shards = new int[3][];
        for (int r = 0; r < 3; r++) {
            shards[r] = new DistributedSampler(10, r, 3, 0, false).indices();
        }
        // 10 examples on 3 ranks: 4 each, the 12 positions 0..9, 0, 1 dealt round-robin.
        assertArrayEquals(new int[] {0, 3, 6, 9}, shards[0]);
        assertArrayEquals(new int[] {1, 4, 7, 0}, shards[1]);
        assertArrayEquals(new int[] {2, 5, 8, 1}, shards[2]);
    }

    @Test
    void eachEpochHasItsOwnPermutationTheSameOnEveryRun() {
        DistributedSampler a = new DistributedSampler(50, 1, 2, 42, true);
        DistributedSampler b = new DistributedSampler(50, 1, 2, 42, true);
        a.setEpoch(1);
        b.setEpoch(1);
        assertArrayEquals(a.indices(), b.indices());
        int[] first = a.indices().clone();
        a.setEpoch(2);
        assertFalse(Arrays.equals(first, a.indices()));
        assertThrows(InvalidArgumentException.class, () -> new DistributedSampler(10, 3, 3, 0, true));
    }

    @Test
    void twoRanksBatchesMakeUpOneProcesssBatchesOfTwiceTheSize() {
        int n = 60;
        int batch = 10;
        Sampler single = Sampler.shuffled(n, 42);
        DistributedSampler[] ranks = {new DistributedSampler(n, 0, 2, 42, true), new DistributedSampler(n, 1, 2, 42, true)};
        for (long epoch = 0; epoch < 3; epoch++) {
            int[] whole = single.indices(epoch);
            int[][] shard = {ranks[0].indices(epoch), ranks[1].indices(epoch)};
            for (int k = 0; k < n / batch; k++) {
                Set<Integer> expected = new HashSet<>();
                Set<Integer> got = new HashSet<>();
                for (int j = 0; j < batch; j++) {
                    expected.add(whole[k * batch + j]);
                }
                for (int r = 0; r < 2; r++) {
                    for (int j = 0; j < batch / 2; j++) {
                        got.add(shard[r][k * batch / 2 + j]);
                    }
                }
                assertEquals(expected, got, "epoch " + epoch + ", batch " + k);
            }
        }
        assertArrayEquals(single.indices(5), new DistributedSampler(n, 0, 1, 42, true).indices(5));
    }
}
