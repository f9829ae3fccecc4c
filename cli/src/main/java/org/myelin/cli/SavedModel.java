package org.myelin.cli;

import java.nio.file.Path;
import java.util.Map;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;
import org.myelin.api.spi.EngineRuntime;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.io.SafeTensors;
import org.myelin.train.TrainingCheckpoint;

/**
 * A model read back for {@code eval} and {@code predict}, from the weights {@code --save} wrote or
 * from a training checkpoint: its spec comes from the file's metadata (or {@code --model}), and is
 * checked against the file's tensors before anything large is built.
 *
 * @param net      the model, its weights loaded, in evaluation mode
 * @param metadata the file's string metadata
 * @param spec     the model spec it was built from
 */
record SavedModel(Module net, Map<String, String> metadata, String spec) {

    static SavedModel load(Path file, String modelOverride, Plugins plugins) {
        Activity.set("reading " + file);
        SafeTensors.Contents contents = SafeTensors.load(file);
        Map<String, String> meta = contents.metadata();
        Map<String, Tensor> weights = meta.containsKey(TrainingCheckpoint.FORMAT_KEY)
                ? TrainingCheckpoint.load(file).weights() : contents.tensors();
        String spec = modelOverride != null ? modelOverride : meta.getOrDefault("model", "784-30-10");
        double dropout = number(file, meta, "dropout", 0);
        long bytes = 0;
        for (Tensor t : weights.values()) {
            bytes += t.numel() * t.dtype().byteSize();
        }
        // The spec is a claim of the file: the model it builds holds no more weights than the file's tensors,
        // so building may take a few times their size (initialisation makes temporaries) and no more.
        long budget = 8 * bytes + (1 << 20);
        String field = modelOverride != null ? "--model" : "__metadata__.model";
        String fits = file + ": its model spec '" + spec + "' (" + field + ") does not fit its "
                + weights.size() + " tensors (" + bytes / 1024 + " KB): ";
        Module net;
        Activity.set("building the model '" + spec + "' of " + file);
        try (var limit = EngineRuntime.get().limitAllocations(budget, need -> new DataFormatException(fits
                + "it describes a model of more than " + need / 1024 + " KB of weights; give the spec it was "
                + "trained with as --model"))) {
            net = Layers.parse(spec, meta.getOrDefault("activation", "sigmoid"), dropout,
                    org.myelin.nn.Dropout.Mode.INVERTED, plugins.layerProviders());
            net.loadStateDict(weights);
        } catch (DataFormatException e) {
            throw e;
        } catch (MyelinException e) {
            throw new DataFormatException(fits + e.getMessage());
        }
        net.eval();
        return new SavedModel(net, meta, spec);
    }

    private static double number(Path file, Map<String, String> meta, String field, double otherwise) {
        String text = meta.get(field);
        if (text == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file + ": __metadata__." + field + " is '" + text + "', not a number; "
                    + "save the checkpoint again with myelin train --save");
        }
    }
}
