package org.myelin.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.UnknownNameException;
import org.myelin.api.spi.LayerProvider;

/**
 * Builds models from text, for the command line and config files: a layer spec such as
 * {@code linear(784,30) sigmoid linear(30,10)}, or the course's sizes form {@code 784-30-10}.
 * Layers are found by name among the {@link LayerProvider}s that {@link ServiceLoader} sees (the
 * built-in ones and plugins on the module path); when two share a name, the higher priority wins.
 * Names are matched ignoring case, '_' and '-' ({@code leaky_relu} = {@code LeakyReLU}).
 */
public final class Layers {
    /**
     * Named models: {@code lenet5} is LeNet-5 (LeCun et al., 1998) as PyTorch's examples write it,
     * with ReLU and max-pooling, for flat 28×28 images (the first layer makes them (1, 28, 28)).
     */
    private static final Map<String, String> PRESETS = Map.of("lenet5",
            "unflatten(1,1x28x28) conv2d(1,6,5,padding=2) relu maxpool2d(2) conv2d(6,16,5) relu maxpool2d(2) "
                    + "flatten linear(400,120) relu linear(120,84) relu linear(84,10)");

    private static final Pattern SIZES = Pattern.compile("\\s*\\d+(\\s*-\\s*\\d+)+\\s*");

    private Layers() {}

    /**
     * @param spec layers separated by whitespace, each a name with optional arguments in
     *             parentheses: {@code linear(784,30) sigmoid linear(30,10)}
     * @return the model
     * @throws UnknownNameException     for a name no provider answers to (the message lists the known ones)
     * @throws InvalidArgumentException for bad arguments (the message names the layer and its usage)
     * @throws ShapeMismatchException   when the sizes of consecutive linear layers do not chain
     */
    public static Sequential fromSpec(String spec) {
        return fromSpec(spec, ServiceLoader.load(LayerProvider.class));
    }

    /**
     * As {@link #fromSpec(String)}, with the providers given by the caller, such as those of a
     * plugin {@link ModuleLayer}.
     *
     * @param spec      the layer spec
     * @param providers the providers to look names up in
     * @return the model
     */
    public static Sequential fromSpec(String spec, Iterable<? extends LayerProvider> providers) {
        Map<String, LayerProvider> byKey = byKey(providers);
        List<LayerSpec> calls = LayerSpec.parse(spec);
        List<Layer> layers = new ArrayList<>();
        for (LayerSpec call : calls) {
            layers.add(create(call, byKey));
        }
        checkLinearSizesChain(calls, layers);
        return new Sequential(layers);
    }

    /**
     * The course's fully connected network: {@code Linear(sizes[i], sizes[i+1])} for each pair,
     * with the activation between linear layers (not after the last) and, when {@code dropout > 0},
     * a {@link Dropout} after each hidden activation.
     *
     * @param sizes      the layer widths, input first: {@code {784, 30, 10}}
     * @param activation one layer call, such as {@code sigmoid}, {@code relu} or {@code leaky_relu(0.1)}
     * @param dropout    the dropout probability after each hidden activation; 0 for none
     * @return the model
     */
    public static Sequential mlp(long[] sizes, String activation, double dropout) {
        return mlp(sizes, activation, dropout, Dropout.Mode.INVERTED);
    }

    /**
     * As {@link #mlp(long[], String, double)}, choosing the dropout convention, such as the
     * course's {@link Dropout.Mode#SCALE_AT_TEST}.
     *
     * @param sizes       the layer widths, input first
     * @param activation  one layer call, such as {@code sigmoid}
     * @param dropout     the dropout probability after each hidden activation; 0 for none
     * @param dropoutMode where dropout's correction is applied
     * @return the model
     */
    public static Sequential mlp(long[] sizes, String activation, double dropout, Dropout.Mode dropoutMode) {
        return mlp(sizes, activation, dropout, dropoutMode, ServiceLoader.load(LayerProvider.class));
    }

    /**
     * As {@link #mlp(long[], String, double, Dropout.Mode)}, looking the activation up among the
     * given providers, such as the built-in ones plus those of a plugins folder.
     *
     * @param sizes       the layer widths, input first
     * @param activation  one layer call, such as {@code sigmoid}
     * @param dropout     the dropout probability after each hidden activation; 0 for none
     * @param dropoutMode where dropout's correction is applied
     * @param providers   the layer providers to look names up in
     * @return the model
     */
    public static Sequential mlp(long[] sizes, String activation, double dropout, Dropout.Mode dropoutMode,
                                 Iterable<? extends LayerProvider> providers) {
        if (sizes == null || sizes.length < 2) {
            throw new InvalidArgumentException("mlp: give at least two sizes (input and output), such as 784-30-10");
        }
        for (long s : sizes) {
            if (s < 1) {
                throw new InvalidArgumentException("mlp: every size must be at least 1, got " + java.util.Arrays.toString(sizes));
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidArgumentException("mlp: dropout must be in [0, 1), got " + dropout);
        }
        Map<String, LayerProvider> byKey = byKey(providers);
        List<LayerSpec> act = LayerSpec.parse(activation);
        if (act.size() != 1) {
            throw new InvalidArgumentException("mlp: the activation must be one layer, such as sigmoid or relu, got '"
                    + activation + "'");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Linear(sizes[i], sizes[i + 1]));
            boolean hidden = i + 2 < sizes.length;
            if (hidden) {
                layers.add(create(act.get(0), byKey));
                if (dropout > 0) {
                    layers.add(new Dropout(dropout, dropoutMode));
                }
            }
        }
        return new Sequential(layers);
    }

    /**
     * Reads either form a user may type: the sizes form {@code 784-30-10} (built with
     * {@link #mlp}) or a layer spec (built with {@link #fromSpec(String)}, where the activation
     * and dropout are written in the spec itself and these arguments are not used).
     *
     * @param modelSpec  {@code 784-30-10} or {@code linear(784,30) sigmoid linear(30,10)}
     * @param activation the activation for the sizes form
     * @param dropout    the dropout probability for the sizes form; 0 for none
     * @return the model
     */
    public static Sequential parse(String modelSpec, String activation, double dropout) {
        return parse(modelSpec, activation, dropout, Dropout.Mode.INVERTED);
    }

    /**
     * As {@link #parse(String, String, double)}, choosing the dropout convention of the sizes form.
     *
     * @param modelSpec   {@code 784-30-10} or a layer spec
     * @param activation  the activation for the sizes form
     * @param dropout     the dropout probability for the sizes form; 0 for none
     * @param dropoutMode where dropout's correction is applied in the sizes form
     * @return the model
     */
    public static Sequential parse(String modelSpec, String activation, double dropout, Dropout.Mode dropoutMode) {
        return parse(modelSpec, activation, dropout, dropoutMode, ServiceLoader.load(LayerProvider.class));
    }

    /**
     * As {@link #parse(String, String, double, Dropout.Mode)}, looking layer names up among the
     * given providers, such as the built-in ones plus those of a plugins folder.
     *
     * @param modelSpec   {@code 784-30-10} or a layer spec
     * @param activation  the activation for the sizes form
     * @param dropout     the dropout probability for the sizes form; 0 for none
     * @param dropoutMode where dropout's correction is applied in the sizes form
     * @param providers   the layer providers to look names up in
     * @return the model
     */
    public static Sequential parse(String modelSpec, String activation, double dropout, Dropout.Mode dropoutMode,
                                   Iterable<? extends LayerProvider> providers) {
        if (modelSpec != null && SIZES.matcher(modelSpec).matches()) {
            String[] parts = modelSpec.trim().split("\\s*-\\s*");
            long[] sizes = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    sizes[i] = Long.parseLong(parts[i]);
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("model '" + modelSpec + "': size '" + parts[i] + "' is too large");
                }
            }
            return mlp(sizes, activation, dropout, dropoutMode, providers);
        }
        String preset = modelSpec == null ? null : PRESETS.get(modelSpec.trim().toLowerCase(java.util.Locale.ROOT));
        return fromSpec(preset != null ? preset : modelSpec, providers);
    }

    /**
     * The layer providers {@link ServiceLoader} finds, by name; where two share a name, the one
     * with the higher priority. For {@code myelin doctor}.
     *
     * @return providers by their name, sorted by name
     */
    public static Map<String, LayerProvider> available() {
        return available(ServiceLoader.load(LayerProvider.class));
    }

    /**
     * @param providers the providers to choose among
     * @return the winning provider for each name, sorted by name
     */
    public static Map<String, LayerProvider> available(Iterable<? extends LayerProvider> providers) {
        Map<String, LayerProvider> out = new TreeMap<>();
        byKey(providers).values().forEach(p -> out.put(p.name(), p));
        return out;
    }

    private static Map<String, LayerProvider> byKey(Iterable<? extends LayerProvider> providers) {
        Map<String, LayerProvider> byKey = new HashMap<>();
        for (LayerProvider p : providers) {
            byKey.merge(LayerSpec.key(p.name()), p, (a, b) -> b.priority() > a.priority() ? b : a);
        }
        return byKey;
    }

    private static Layer create(LayerSpec call, Map<String, LayerProvider> byKey) {
        LayerProvider provider = byKey.get(LayerSpec.key(call.name()));
        if (provider == null) {
            List<String> known = byKey.values().stream().map(LayerProvider::name).sorted().toList();
            throw new UnknownNameException("unknown layer '" + call.name() + "' in '" + call.text() + "'; known layers: "
                    + String.join(", ", known) + ". A plugin's layer needs its jar on the module path or in the plugins folder");
        }
        Layer layer = provider.create(call.args());
        if (layer == null) {
            throw new InvalidArgumentException("the provider of layer '" + provider.name() + "' ("
                    + provider.getClass().getName() + ") returned no layer for '" + call.text() + "'");
        }
        return layer;
    }

    /**
     * Catches a spec whose linear layers cannot feed each other before any data flows, naming both
     * layers. Layers that keep the number of features are looked through; an unknown layer (a
     * plugin's) may change it, so the check starts again after one.
     */
    private static void checkLinearSizesChain(List<LayerSpec> calls, List<Layer> layers) {
        Linear previous = null;
        int previousIndex = -1;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Linear linear) {
                if (previous != null && previous.outFeatures() != linear.inFeatures()) {
                    throw new ShapeMismatchException("layer spec: layer " + previousIndex + " '"
                            + calls.get(previousIndex).text() + "' gives " + previous.outFeatures()
                            + " features but layer " + i + " '" + calls.get(i).text() + "' expects "
                            + linear.inFeatures() + "; make the second linear's first size " + previous.outFeatures());
                }
                previous = linear;
                previousIndex = i;
            } else if (!(layer instanceof KeepsFeatures)) {
                previous = null;
            }
        }
    }
}
