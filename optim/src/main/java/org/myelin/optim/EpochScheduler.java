package org.myelin.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;

/**
 * A schedule whose rate is a closed-form function of the epoch count and the base rate, as PyTorch's
 * {@code _get_closed_form_lr}: computing from scratch each epoch, instead of multiplying the last rate,
 * keeps rounding from accumulating, and makes the state three numbers.
 */
abstract class EpochScheduler implements LRScheduler {
    private final String name;
    private final Optimizer optimizer;
    private double baseLearningRate;
    private int epoch;
    private double lastLearningRate;

    EpochScheduler(String name, Optimizer optimizer) {
        if (optimizer == null) {
            throw new InvalidArgumentException(name + ": the optimizer is null; pass the optimizer whose learning rate to schedule");
        }
        this.name = name;
        this.optimizer = optimizer;
        this.baseLearningRate = optimizer.learningRate();
        this.lastLearningRate = baseLearningRate;
    }

    /** Sets epoch 0's rate; for a schedule that does not start at the base rate, called once its fields are set. */
    final void startAtEpochZero() {
        lastLearningRate = rateAt(0, baseLearningRate);
        optimizer.setLearningRate(lastLearningRate);
    }

    @Override
    public final void step() {
        epoch++;
        lastLearningRate = rateAt(epoch, baseLearningRate);
        optimizer.setLearningRate(lastLearningRate);
    }

    @Override
    public final double lastLearningRate() {
        return lastLearningRate;
    }

    public final int epoch() {
        return epoch;
    }

    @Override
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("last_epoch", Tensor.of(new long[] {epoch}));
        state.put("base_lr", Tensor.of(new double[] {baseLearningRate}));
        state.put("last_lr", Tensor.of(new double[] {lastLearningRate}));
        return state;
    }

    @Override
    public final void loadStateDict(Map<String, Tensor> state) {
        for (String key : state.keySet()) {
            if (!key.equals("last_epoch") && !key.equals("base_lr") && !key.equals("last_lr")) {
                throw new InvalidArgumentException(name + ".loadStateDict: '" + key + "' is not part of a schedule's state "
                        + "(last_epoch, base_lr, last_lr)");
            }
        }
        Tensor e = state.get("last_epoch");
        Tensor base = state.get("base_lr");
        Tensor last = state.get("last_lr");
        if (e == null || base == null || last == null || e.numel() != 1 || base.numel() != 1 || last.numel() != 1) {
            throw new InvalidArgumentException(name + ".loadStateDict: last_epoch, base_lr and last_lr must each be one "
                    + "number; give the map that " + name + ".stateDict() returned");
        }
        long restored = e.toLongArray()[0];
        if (restored < 0 || restored > Integer.MAX_VALUE) {
            throw new InvalidArgumentException(name + ".loadStateDict: last_epoch " + restored + " is not an epoch count");
        }
        epoch = (int) restored;
        baseLearningRate = base.item();
        lastLearningRate = last.item();
        optimizer.setLearningRate(lastLearningRate);
    }

    abstract double rateAt(int epoch, double baseLearningRate);
}
