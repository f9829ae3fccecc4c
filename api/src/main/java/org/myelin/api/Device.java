package org.myelin.api;

import java.util.Objects;

/**
 * Where a tensor's memory lives: a device type ({@code "cpu"}, {@code "cuda"}, or one a plugin
 * adds) and an index among devices of that type.
 *
 * @param type  the device type, lower case
 * @param index the device number, 0 for the first
 */
public record Device(String type, int index) {

    /** The host CPU, where tensors live on the Java heap. */
    public static final Device CPU = new Device("cpu", 0);

    /**
     * Validates the components.
     *
     * @param type  the device type
     * @param index the device number
     */
    public Device {
        Objects.requireNonNull(type, "device type");
        if (index < 0) {
            throw new InvalidArgumentException("device index must be >= 0, got " + index);
        }
        type = type.toLowerCase(java.util.Locale.ROOT);
        if (type.equals("cpu") && index != 0) {
            throw new InvalidArgumentException("there is one CPU device, cpu (or cpu:0); got cpu:" + index
                    + ": the CPU backends already use every core");
        }
    }

    /** @return the CPU device */
    public static Device cpu() {
        return CPU;
    }

    /**
     * @param index the GPU number
     * @return the CUDA device with that number
     */
    public static Device cuda(int index) {
        return new Device("cuda", index);
    }

    /**
     * Parses {@code "cpu"}, {@code "cuda"} or {@code "cuda:1"}.
     *
     * @param text the device name
     * @return the device
     * @throws InvalidArgumentException when the text is not a device name
     */
    public static Device parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        int colon = t.indexOf(':');
        if (colon < 0) {
            return t.equals("cpu") ? CPU : new Device(t, 0);
        }
        try {
            return new Device(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("bad device '" + text + "': use cpu, cuda or cuda:N");
        }
    }

    @Override
    public String toString() {
        return type.equals("cpu") ? "cpu" : type + ":" + index;
    }
}
