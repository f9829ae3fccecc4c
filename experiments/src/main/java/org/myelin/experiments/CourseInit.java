package org.myelin.experiments;

import org.myelin.nn.Init;
import org.myelin.nn.Linear;
import org.myelin.nn.Module;

/**
 * The course's source's initialisation (Nielsen, ch. 3, {@code default_weight_initializer}):
 * weights from N(0, 1/n_in) so a sigmoid unit does not start saturated, biases from N(0, 1).
 */
final class CourseInit {
    private CourseInit() {}

    /** Re-draws every {@link Linear} in the model, in registration order, from the current seed. */
    static <M extends Module> M apply(M model) {
        visit(model);
        return model;
    }

    private static void visit(Module m) {
        if (m instanceof Linear linear) {
            Init.normal(linear.weight(), 0, 1 / Math.sqrt(linear.inFeatures()));
            if (linear.bias() != null) {
                Init.normal(linear.bias(), 0, 1);
            }
        }
        m.children().values().forEach(CourseInit::visit);
    }
}
