package org.myelin.nn;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * Lets a plain {@link Layer} (a plugin's, or a user's that does not extend {@link Module}) sit in
 * a {@link Sequential}: its parameters show up in {@code parameters()} and the state dict, named
 * {@code param0}, {@code param1}, ... in the order the layer lists them, and the training flag
 * reaches it. Loading a state dict copies values into the layer's own tensors, in place.
 */
final class LayerAdapter extends Module {
    private final Layer layer;

    LayerAdapter(Layer layer) {
        this.layer = layer;
        List<Tensor> params = layer.parameters();
        for (int i = 0; i < params.size(); i++) {
            registerParameter("param" + i, params.get(i));
        }
    }

    /** @return the wrapped layer */
    Layer layer() {
        return layer;
    }

    @Override
    public Tensor forward(Tensor input) {
        return layer.forward(input);
    }

    @Override
    public void setTraining(boolean value) {
        super.setTraining(value);
        layer.setTraining(value);
    }

    /** The layer holds its own tensors and cannot be told to swap them, so it moves only when already there. */
    @Override
    public Module to(Device device) {
        for (Tensor p : parameters()) {
            if (!p.device().equals(device)) {
                throw new InvalidArgumentException("the layer " + layer.getClass().getName()
                        + " is not a Myelin Module, so its parameters (on " + p.device() + ") cannot be moved to "
                        + device + "; create it on " + device + " instead");
            }
        }
        return this;
    }

    /** As {@link #to(Device)}: a plain layer's tensors cannot be swapped for converted ones. */
    @Override
    public Module to(DType dtype) {
        for (Tensor p : parameters()) {
            if (p.dtype() != dtype) {
                throw new InvalidArgumentException("the layer " + layer.getClass().getName()
                        + " is not a Myelin Module, so its " + p.dtype() + " parameters cannot be converted to "
                        + dtype + "; create it with " + dtype + " parameters instead");
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return layer.toString();
    }
}
