package org.myelin.nn;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.spi.EngineRuntime;

/**
 * Whatever text a user types as {@code --model}, {@link Layers#parse} gives a model or a
 * {@link MyelinException} that says what is wrong: never another exception, and never a model that
 * takes the heap (sizes are checked against a memory cap while the model is built, as the CLI does).
 */
class LayerSpecPropertiesTest {
    private static final long CAP = 16L << 20;
    private static final String[] VALID = {"784-30-10", "linear(784,30) sigmoid linear(30,10)",
        "linear(4,8) relu dropout(0.5) linear(8,2,false) log_softmax(1)", "leaky_relu(0.1) identity flatten softmax"};

    @Property(tries = 3000)
    void randomTextIsAModelOrAClearError(@ForAll("specs") String spec) {
        buildOrRefuse(spec);
    }

    @Property(tries = 3000)
    void mutationsOfValidSpecsAreAModelOrAClearError(@ForAll("mutations") String spec) {
        buildOrRefuse(spec);
    }

    @Provide
    Arbitrary<String> specs() {
        Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<String> specLike = Arbitraries.strings().withChars("linearsigmodu()-,0123456789 .e_").ofMaxLength(60);
        return Arbitraries.oneOf(anyText, specLike);
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> base = Arbitraries.of(VALID);
        return Combinators.combine(base, Arbitraries.integers().between(0, 60), Arbitraries.chars().with(
                "()-,0123456789 x.e_9".toCharArray()), Arbitraries.of("replace", "insert", "delete", "digits")).as((s, at, c, how) -> {
                    int i = Math.min(at, s.length() - 1);
                    return switch (how) {
                        case "replace" -> s.substring(0, i) + c + s.substring(i + 1);
                        case "insert" -> s.substring(0, i) + c + s.substring(i);
                        case "delete" -> s.substring(0, i) + s.substring(i + 1);
                        default -> s.substring(0, i) + "99999999999" + s.substring(i);
                    };
                });
    }

    private static void buildOrRefuse(String spec) {
        try (var cap = EngineRuntime.get().limitAllocations(CAP, bytes -> new InvalidArgumentException(
                "the model '" + spec + "' needs more than " + CAP + " bytes"))) {
            Layers.parse(spec, "sigmoid", 0);
            Statistics.collect("built");
        } catch (MyelinException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("an error without a message for '" + spec + "'", e);
            }
            Statistics.collect("refused");
        }
    }
}
