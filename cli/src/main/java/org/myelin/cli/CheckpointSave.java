package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;
import org.myelin.nn.io.SafeTensors;

/**
 * Saves trained weights, and never loses them: when the file asked for cannot be written, they go
 * to the same name in the working folder (or, failing that, the temporary folder), and the error
 * says where they are.
 */
final class CheckpointSave {
    private CheckpointSave() {}

    static void withFallback(Path target, Map<String, Tensor> tensors, Map<String, String> metadata, PrintWriter out) {
        try {
            SafeTensors.save(target, tensors, metadata);
            out.println("saved " + target);
            return;
        } catch (MyelinException first) {
            for (Path folder : new Path[] {Path.of("").toAbsolutePath(), Path.of(System.getProperty("java.io.tmpdir"))}) {
                Path fallback = folder.resolve(target.getFileName());
                if (fallback.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())
                        || Files.exists(fallback)) {
                    continue;
                }
                try {
                    SafeTensors.save(fallback, tensors, metadata);
                } catch (MyelinException alsoFailed) {
                    continue;
                }
                throw new RunFailed(first.getMessage() + "; the trained weights were saved to " + fallback
                        + " instead");
            }
            throw new RunFailed(first.getMessage() + "; the trained weights could not be saved anywhere "
                    + "(the working folder and the temporary folder failed too)");
        }
    }
}
