package org.myelin.api.spi;

import java.util.List;
import org.myelin.api.Layer;

/** A named layer factory, so models can be written as specs such as {@code linear(784,30) sigmoid}. */
public interface LayerProvider {

    /** @return the name used in specs, lower case */
    String name();

    /** @return how to call it, such as {@code linear(in,out)} */
    default String usage() {
        return name();
    }

    /** @return when two providers share a name, the higher priority wins */
    default int priority() {
        return 0;
    }

    /**
     * @param args the arguments between the parentheses, as text
     * @return a new layer
     * @throws org.myelin.api.InvalidArgumentException when the arguments do not fit
     */
    Layer create(List<String> args);
}
