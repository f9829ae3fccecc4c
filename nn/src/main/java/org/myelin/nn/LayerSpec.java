package org.myelin.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.myelin.api.InvalidArgumentException;

/**
 * One layer call of a spec such as {@code linear(784, 30) sigmoid}: the name, lower-cased, and
 * the arguments between the parentheses as text.
 *
 * @param name the layer's name as written, lower-cased
 * @param args the arguments, trimmed; empty without parentheses
 * @param text the call as written, for error messages
 */
record LayerSpec(String name, List<String> args, String text) {

    /**
     * Splits a spec into layer calls: names separated by whitespace, each optionally followed by
     * comma-separated arguments in parentheses (spaces allowed inside them).
     *
     * @param spec the spec
     * @return the calls, in order
     * @throws InvalidArgumentException when the spec is empty or a parenthesis is unbalanced
     */
    static List<LayerSpec> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidArgumentException("the layer spec is empty; write layers separated by spaces, such as "
                    + "'linear(784,30) sigmoid linear(30,10)'");
        }
        List<LayerSpec> calls = new ArrayList<>();
        int i = 0;
        int n = spec.length();
        while (i < n) {
            if (Character.isWhitespace(spec.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isNameChar(spec.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new InvalidArgumentException("layer spec '" + spec + "': unexpected '" + spec.charAt(i)
                        + "' at position " + i + "; a layer is a name, optionally followed by (arguments)");
            }
            String name = spec.substring(start, i).toLowerCase(Locale.ROOT);
            List<String> args = List.of();
            int j = skipSpaces(spec, i);
            if (j < n && spec.charAt(j) == '(') {
                int close = spec.indexOf(')', j);
                int nested = spec.indexOf('(', j + 1);
                if (close < 0 || (nested >= 0 && nested < close)) {
                    throw new InvalidArgumentException("layer spec '" + spec + "': the '(' after '" + name
                            + "' at position " + j + " is not closed by ')'");
                }
                String inside = spec.substring(j + 1, close).trim();
                args = inside.isEmpty() ? List.of() : Arrays.stream(inside.split(",", -1)).map(String::trim).toList();
                if (args.stream().anyMatch(String::isEmpty)) {
                    throw new InvalidArgumentException("layer spec '" + spec + "': '" + spec.substring(start, close + 1)
                            + "' has an empty argument");
                }
                i = close + 1;
            } else if (j < n && spec.charAt(j) == ')') {
                throw new InvalidArgumentException("layer spec '" + spec + "': a ')' at position " + j
                        + " has no matching '('");
            }
            calls.add(new LayerSpec(name, args, spec.substring(start, i).strip()));
        }
        return calls;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * @param name a layer name as written or as a provider gives it
     * @return the key names are matched by: lower case, without '_' and '-', so
     *     {@code leaky_relu}, {@code leakyrelu} and {@code LeakyReLU} are one name
     */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
