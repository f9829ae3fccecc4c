package org.myelin.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * Layers applied one after another, as PyTorch's {@code nn.Sequential}. The children are
 * registered as {@code 0}, {@code 1}, ..., so a parameter is named {@code 0.weight}. Any
 * {@link Layer} is accepted: one that is not a {@link Module} is wrapped so that its parameters
 * still show up in {@link #parameters()} and the state dict.
 */
public class Sequential extends Module {
    private final List<Layer> layers = new ArrayList<>();

    /** @param layers the layers, applied in this order */
    public Sequential(Layer... layers) {
        this(java.util.Arrays.asList(layers));
    }

    /** @param layers the layers, applied in this order */
    public Sequential(List<? extends Layer> layers) {
        for (Layer layer : layers) {
            if (layer == null) {
                throw new InvalidArgumentException("Sequential: layer " + this.layers.size() + " is null");
            }
            register(String.valueOf(this.layers.size()), asModule(layer));
            this.layers.add(layer);
        }
    }

    /** @return the layer as a Module, wrapping a plain Layer */
    static Module asModule(Layer layer) {
        return layer instanceof Module m ? m : new LayerAdapter(layer);
    }

    /** @return the number of layers */
    public int size() {
        return layers.size();
    }

    /**
     * @param index the position, from 0
     * @return the layer as it was given
     */
    public Layer get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new InvalidArgumentException("Sequential.get(" + index + "): there are " + layers.size()
                    + " layers, numbered 0 to " + (layers.size() - 1));
        }
        return layers.get(index);
    }

    /** @return the layers as given, in order */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** @param input the first layer's input @return the last layer's output */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (GradMode.isAnomalyDetectionEnabled()) {
                // Anomaly mode names the layer an operator sits in, as state-dict keys do (2.weight is layer 2's).
                try (var m = GradMode.inModule(i + " (" + layer.getClass().getSimpleName() + ")")) {
                    x = layer.forward(x);
                }
            } else {
                x = layer.forward(x);
            }
        }
        return x;
    }
}
