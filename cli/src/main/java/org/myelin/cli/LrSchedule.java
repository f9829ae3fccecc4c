package org.myelin.cli;

import java.util.Locale;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.optim.CosineAnnealingLR;
import org.myelin.optim.LRScheduler;
import org.myelin.optim.LinearLR;
import org.myelin.optim.StepLR;

/**
 * {@code --lr-schedule}: {@code none}, {@code step:EPOCHS[:GAMMA]}, {@code cosine[:MIN_LR[:EPOCHS]]} (over the
 * run's epochs) or {@code warmup:EPOCHS} (from a tenth of the rate up to it). The canonical form,
 * with every number filled in, is what a checkpoint records, so a resumed run gets the same schedule
 * even when it is given more epochs.
 */
record LrSchedule(String canonical) {
    static final String HELP = "none, step:EPOCHS[:GAMMA], cosine[:MIN_LR[:EPOCHS]] (over --epochs unless given) or warmup:EPOCHS";

    static LrSchedule parse(String text, int epochs) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
        try {
            LrSchedule schedule = switch (parts[0]) {
                case "none" -> parts.length == 1 ? new LrSchedule("none") : null;
                case "step" -> parts.length == 2 || parts.length == 3
                        ? new LrSchedule("step:" + count(parts[1]) + ":" + (parts.length == 3 ? Double.parseDouble(parts[2]) : 0.1))
                        : null;
                case "cosine" -> parts.length <= 3
                        ? new LrSchedule("cosine:" + (parts.length >= 2 ? Double.parseDouble(parts[1]) : 0.0) + ":"
                                + (parts.length == 3 ? count(parts[2]) : epochs))
                        : null;
                case "warmup" -> parts.length == 2 ? new LrSchedule("warmup:" + count(parts[1])) : null;
                default -> null;
            };
            return schedule != null ? schedule : fail(text);
        } catch (NumberFormatException e) {
            return fail(text);
        }
    }

    private static int count(String text) {
        int n = Integer.parseInt(text);
        if (n < 1) {
            throw new NumberFormatException();
        }
        return n;
    }

    private static LrSchedule fail(String text) {
        throw new InvalidArgumentException("--lr-schedule '" + text + "' is not a schedule; use " + HELP
                + " (for example step:2:0.5 or cosine)");
    }

    /** @return the schedule over the optimizer, or null for none */
    LRScheduler build(Optimizer optimizer) {
        String[] p = canonical.split(":");
        return switch (p[0]) {
            case "step" -> new StepLR(optimizer, Integer.parseInt(p[1]), Double.parseDouble(p[2]));
            case "cosine" -> new CosineAnnealingLR(optimizer, Integer.parseInt(p[2]), Double.parseDouble(p[1]));
            case "warmup" -> new LinearLR(optimizer, 0.1, 1.0, Integer.parseInt(p[1]));
            default -> null;
        };
    }
}
