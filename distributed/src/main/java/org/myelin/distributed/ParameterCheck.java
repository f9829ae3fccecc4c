package org.myelin.distributed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;

/**
 * That every rank holds the same parameters, by name and shape: each rank sends the list of its
 * parameters' names and shapes (one float per character, which is exact), and all compare them with
 * rank 0's, so every rank fails alike, naming the first rank and parameter that differ.
 */
final class ParameterCheck {
    private ParameterCheck() {}

    static void sameOnEveryRank(ProcessGroup group, List<String> names, List<Tensor> params) {
        List<String> described = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            described.add(names.get(i) + " " + params.get(i).shape());
        }
        String text = String.join("\n", described);
        int longest = 0;
        for (float[] length : group.allGather(new float[] {text.length()})) {
            longest = Math.max(longest, (int) length[0]);
        }
        float[] mine = new float[longest + 1];
        Arrays.fill(mine, -1);
        mine[0] = text.length();
        for (int i = 0; i < text.length(); i++) {
            mine[i + 1] = text.charAt(i);
        }
        List<float[]> all = group.allGather(mine);
        List<String> first = parameters(all.get(0));
        for (int r = 1; r < all.size(); r++) {
            List<String> theirs = parameters(all.get(r));
            for (int i = 0; i < Math.max(first.size(), theirs.size()); i++) {
                String a = i < first.size() ? first.get(i) : "nothing";
                String b = i < theirs.size() ? theirs.get(i) : "nothing";
                if (!a.equals(b)) {
                    throw new MyelinException("DistributedDataParallel: rank " + r + " has a different model from rank 0: "
                            + "its parameter " + i + " is " + b + " where rank 0 has " + a + " (" + theirs.size() + " and "
                            + first.size() + " parameters); every rank must build the same model");
                }
            }
        }
    }

    private static List<String> parameters(float[] encoded) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < (int) encoded[0]; i++) {
            s.append((char) encoded[i + 1]);
        }
        return s.isEmpty() ? List.of() : List.of(s.toString().split("\n"));
    }
}
