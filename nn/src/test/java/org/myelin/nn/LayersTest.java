package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.MyelinException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.UnknownNameException;
import org.myelin.api.spi.LayerProvider;

/** Model specs: parsing, lookup through providers, and every error a user can make. */
class LayersTest {

    private static List<Class<?>> types(Sequential model) {
        List<Class<?>> out = new ArrayList<>();
        model.layers().forEach(l -> out.add(l.getClass()));
        return out;
    }

    @Test
    void buildsTheCoursesNetworkFromASpec() {
        Sequential model = Layers.fromSpec("linear(784,30) sigmoid linear(30,10)");
        assertEquals(List.of(Linear.class, Sigmoid.class, Linear.class), types(model));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.stateDict().keySet()));
        assertEquals(List.of(30L, 784L), List.of(model.stateDict().get("0.weight").size(0),
                model.stateDict().get("0.weight").size(1)));
        assertEquals(10, model.forward(Tensor.zeros(2, 784)).size(1));
    }

    @Test
    void namesIgnoreCaseUnderscoresAndSpacesInArguments() {
        Sequential model = Layers.fromSpec("  Linear(4, 3)  LeakyReLU(0.2) leakyrelu leaky_relu LINEAR(3,2)"
                + " log_softmax(1) LogSoftmax softmax(-1) Dropout( 0.5 ) TANH flatten identity softplus relu");
        assertEquals(14, model.size());
        assertEquals(0.2, ((LeakyReLU) model.get(1)).slope());
        assertEquals(0.01, ((LeakyReLU) model.get(2)).slope());
        assertEquals(1, ((LogSoftmax) model.get(5)).dim());
        assertEquals(-1, ((LogSoftmax) model.get(6)).dim());
        assertEquals(0.5, ((Dropout) model.get(8)).p());
    }

    @Test
    void linearWithoutBiasAndCourseDropout() {
        Sequential model = Layers.fromSpec("linear(3,2,false) dropout(0.4,course)");
        assertEquals(List.of("0.weight"), List.copyOf(model.stateDict().keySet()));
        assertEquals(Dropout.Mode.SCALE_AT_TEST, ((Dropout) model.get(1)).mode());
    }

    @Test
    void everyBuiltInLayerIsAvailable() {
        assertEquals(Set.of("linear", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "softmax", "log_softmax",
                "dropout", "flatten", "identity", "unflatten", "conv2d", "maxpool2d", "avgpool2d", "adaptiveavgpool2d",
                "batchnorm1d", "batchnorm2d", "layernorm"), Layers.available().keySet());
        Layers.available().values().forEach(p -> assertFalse(p.usage().isBlank(), p.name()));
        assertEquals(List.copyOf(Layers.available().keySet()), Layers.available().keySet().stream().sorted().toList());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> Layers.fromSpec("linear(2,2) gelu"));
        assertTrue(e.getMessage().contains("'gelu'"), e.getMessage());
        assertTrue(e.getMessage().contains("linear, log_softmax, maxpool2d, relu"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear(784)", "linear(784,30,true,1)", "linear(a,30)", "linear(0,30)", "linear(784,-1)",
        "linear(3,2,maybe)", "sigmoid(1)", "relu(0)", "leaky_relu(x)", "leaky_relu(1,2)", "softmax(x)",
        "log_softmax(1.5)", "dropout", "dropout(1.5)", "dropout(x)", "dropout(0.5,sometimes)", "flatten(1)",
        "identity(2)", "tanh(nan)", "softplus(1)"})
    void badArgumentsNameTheLayerAndItsUsage(String spec) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Layers.fromSpec(spec));
        String name = spec.replaceAll("\\(.*", "");
        assertTrue(e.getMessage().startsWith("layer '" + name), e.getMessage());
        assertTrue(e.getMessage().contains("usage: " + name), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "linear(784,30 sigmoid", "linear(2,2) )", "linear(2,,2)", "relu, sigmoid",
        "linear((2,2))"})
    void malformedSpecsAreRejected(String spec) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Layers.fromSpec(spec));
        assertTrue(e.getMessage().contains("spec"), e.getMessage());
    }

    @Test
    void linearSizesThatDoNotChainNameBothLayers() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Layers.fromSpec("linear(784,30) relu dropout(0.1) linear(20,10)"));
        String m = e.getMessage();
        assertTrue(m.contains("'linear(784,30)'") && m.contains("'linear(20,10)'"), m);
        assertTrue(m.contains("gives 30") && m.contains("expects 20"), m);
    }

    /** A plugin's layer: it may change the number of features, so the chain check restarts after it. */
    static final class Doubler implements LayerProvider {
        @Override
        public String name() {
            return "doubler";
        }

        @Override
        public Layer create(List<String> args) {
            return new Layer() {
                @Override
                public Tensor forward(Tensor input) {
                    return Tensor.cat(-1, input, input);
                }

                @Override
                public List<Tensor> parameters() {
                    return List.of();
                }

                @Override
                public void setTraining(boolean training) {}
            };
        }
    }

    /** A plugin that replaces the built-in relu with a higher priority. */
    static final class LoudRelu implements LayerProvider {
        @Override
        public String name() {
            return "ReLU";
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public Layer create(List<String> args) {
            return new Tanh();
        }
    }

    @Test
    void callerSuppliedProvidersAddNamesAndWinByPriority() {
        List<LayerProvider> providers = new ArrayList<>();
        ServiceLoader.load(LayerProvider.class).forEach(providers::add);
        providers.add(new Doubler());
        providers.add(new LoudRelu());

        Sequential model = Layers.fromSpec("linear(3,4) doubler linear(8,2) relu", providers);
        assertEquals(2, model.forward(Tensor.ones(1, 3)).size(1));
        assertInstanceOf(Tanh.class, model.get(3), "the higher-priority provider wins the name");
        assertTrue(Layers.available(providers).containsKey("doubler"));
        assertThrows(UnknownNameException.class, () -> Layers.fromSpec("doubler", List.of()));
    }

    @Test
    void mlpPutsActivationsBetweenLinearsOnly() {
        assertEquals(List.of(Linear.class, Sigmoid.class, Linear.class),
                types(Layers.mlp(new long[] {784, 30, 10}, "sigmoid", 0)));
        Sequential deep = Layers.mlp(new long[] {10, 8, 6, 4}, "leaky_relu(0.1)", 0.2);
        assertEquals(List.of(Linear.class, LeakyReLU.class, Dropout.class, Linear.class, LeakyReLU.class, Dropout.class,
                Linear.class), types(deep));
        assertEquals(0.1, ((LeakyReLU) deep.get(1)).slope());
        Sequential course = Layers.mlp(new long[] {4, 3, 2}, "relu", 0.5, Dropout.Mode.SCALE_AT_TEST);
        assertEquals(Dropout.Mode.SCALE_AT_TEST, ((Dropout) course.get(2)).mode());
        assertEquals(List.of(Linear.class), types(Layers.mlp(new long[] {3, 1}, "relu", 0)));
    }

    @Test
    void mlpRejectsBadSizesActivationsAndDropout() {
        assertThrows(InvalidArgumentException.class, () -> Layers.mlp(new long[] {784}, "relu", 0));
        assertThrows(InvalidArgumentException.class, () -> Layers.mlp(new long[] {784, 0, 10}, "relu", 0));
        assertThrows(InvalidArgumentException.class, () -> Layers.mlp(new long[] {784, 10}, "relu", 1));
        assertThrows(InvalidArgumentException.class, () -> Layers.mlp(new long[] {784, 30, 10}, "relu sigmoid", 0));
        assertThrows(UnknownNameException.class, () -> Layers.mlp(new long[] {784, 30, 10}, "swish", 0));
    }

    @Test
    void parseAcceptsSizesOrASpec() {
        assertEquals(List.of(Linear.class, Sigmoid.class, Linear.class), types(Layers.parse("784-30-10", "sigmoid", 0)));
        assertEquals(List.of(Linear.class, ReLU.class, Dropout.class, Linear.class),
                types(Layers.parse(" 784 - 100 - 10 ", "relu", 0.3)));
        assertEquals(List.of(Linear.class, Tanh.class), types(Layers.parse("linear(2,3) tanh", "sigmoid", 0.5)));
        assertThrows(MyelinException.class, () -> Layers.parse("784-", "sigmoid", 0));
        assertThrows(InvalidArgumentException.class, () -> Layers.parse("784-99999999999999999999", "sigmoid", 0));
    }

    @Test
    void providerFactoriesAreFoundByServiceLoader() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(LayerProvider.class).forEach(p -> names.add(p.name()));
        assertEquals(19, names.size(), names.toString());
        assertInstanceOf(Linear.class, new Linear.Provider().create(List.of("2", "3")));
    }
}
