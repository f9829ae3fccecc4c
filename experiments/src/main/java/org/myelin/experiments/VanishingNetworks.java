package org.myelin.experiments;

import java.util.ArrayList;
import java.util.List;
import org.myelin.api.Layer;
import org.myelin.nn.Linear;
import org.myelin.nn.Module;
import org.myelin.nn.ReLU;
import org.myelin.nn.Residual;
import org.myelin.nn.Sequential;
import org.myelin.nn.Sigmoid;

/**
 * The vanishing-gradient experiment's 784-30-30-30-30-10 network, three ways, all with the same
 * five {@link Linear} layers (so the same weights fit each): plain with sigmoid, plain with ReLU,
 * and residual: the first hidden layer, then three blocks y = x + σ(W·x + b), then the output.
 * The residual variant keeps the sigmoid, so what changes is only the shortcut.
 */
final class VanishingNetworks {
    /** The variants, in the order they are reported. */
    static final List<String> KINDS = List.of("sigmoid", "relu", "residual");
    static final long[] SIZES = {784, 30, 30, 30, 30, 10};

    private VanishingNetworks() {}

    /** @param kind one of {@link #KINDS} @return the network, with PyTorch's default initialisation */
    static Sequential build(String kind) {
        List<Layer> layers = new ArrayList<>();
        if (kind.equals("residual")) {
            layers.add(new Linear(SIZES[0], SIZES[1]));
            layers.add(new Sigmoid());
            for (int i = 1; i < SIZES.length - 2; i++) {
                layers.add(new Residual(new Sequential(new Linear(SIZES[i], SIZES[i + 1]), new Sigmoid())));
            }
        } else if (kind.equals("sigmoid") || kind.equals("relu")) {
            for (int i = 0; i < SIZES.length - 2; i++) {
                layers.add(new Linear(SIZES[i], SIZES[i + 1]));
                layers.add(kind.equals("relu") ? new ReLU() : new Sigmoid());
            }
        } else {
            throw new IllegalArgumentException("no vanishing-gradient network '" + kind + "'; use one of " + KINDS);
        }
        layers.add(new Linear(SIZES[SIZES.length - 2], SIZES[SIZES.length - 1]));
        return new Sequential(layers);
    }

    /** @return the model's linear layers in the order the input meets them, output layer last */
    static List<Linear> linears(Module model) {
        List<Linear> out = new ArrayList<>();
        collect(model, out);
        return out;
    }

    private static void collect(Module m, List<Linear> out) {
        if (m instanceof Linear linear) {
            out.add(linear);
        }
        m.children().values().forEach(child -> collect(child, out));
    }
}
