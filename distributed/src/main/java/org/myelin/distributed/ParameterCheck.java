package org.myelin.distributed;

import java.util.Arrays;
import java.util.List;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;

/**
 * That every rank holds the same parameters, by name and shape: each rank sends a fingerprint per
 * parameter, and all compare them with rank 0's, so every rank fails alike, naming the first rank
 * and parameter that differ.
 */
final class ParameterCheck {
    private ParameterCheck() {}

    static void sameOnEveryRank(ProcessGroup group, List<String> names, List<Tensor> params) {
        List<float[]> counts = group.allGather(new float[] {names.size()});
        int most = 0;
        for (float[] c : counts) {
            most = Math.max(most, (int) c[0]);
        }
        float[] mine = new float[2 * most];
        Arrays.fill(mine, -1);
        for (int i = 0; i < names.size(); i++) {
            int h = (names.get(i) + " " + params.get(i).shape()).hashCode();
            // Two 16-bit halves: each is exact as a float.
            mine[2 * i] = h >>> 16;
            mine[2 * i + 1] = h & 0xFFFF;
        }
        List<float[]> all = group.allGather(mine);
        for (int r = 1; r < all.size(); r++) {
            for (int i = 0; i < most; i++) {
                if (all.get(r)[2 * i] != all.get(0)[2 * i] || all.get(r)[2 * i + 1] != all.get(0)[2 * i + 1]) {
                    String which = r == group.rank() && i < names.size()
                            ? "its parameter " + i + ", " + names.get(i) + " " + params.get(i).shape()
                            : "its parameter " + i;
                    throw new MyelinException("DistributedDataParallel: rank " + r + " has a different model from rank 0: "
                            + which + " differs in name or shape (rank " + r + " has " + (int) counts.get(r)[0]
                            + " parameters, rank 0 " + (int) counts.get(0)[0] + "); every rank must build the same model");
                }
            }
        }
    }
}
