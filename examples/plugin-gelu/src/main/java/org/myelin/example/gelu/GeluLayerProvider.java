package org.myelin.example.gelu;

import java.util.List;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;
import org.myelin.api.spi.LayerProvider;

/** The {@code gelu} layer of model specs, such as {@code linear(784,100) gelu linear(100,10)}. */
public final class GeluLayerProvider implements LayerProvider {

    /** Made by ServiceLoader. */
    public GeluLayerProvider() {
        // stateless
    }

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public Layer create(List<String> args) {
        if (!args.isEmpty()) {
            throw new InvalidArgumentException("gelu takes no arguments, got " + args + "; write it as: gelu");
        }
        return new GeluLayer();
    }

    /** Applies the {@code gelu} operator by name; it has no parameters. */
    static final class GeluLayer implements Layer {
        @Override
        public Tensor forward(Tensor input) {
            return Tensor.apply("gelu", input);
        }

        @Override
        public List<Tensor> parameters() {
            return List.of();
        }

        @Override
        public void setTraining(boolean training) {
            // GELU behaves the same in training and evaluation.
        }
    }
}
