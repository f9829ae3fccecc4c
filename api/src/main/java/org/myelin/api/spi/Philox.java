package org.myelin.api.spi;

/**
 * The counter-based generator (Philox4x32-10, Salmon et al., 2011) that every backend uses for
 * random fills, so a seed gives the same numbers on every device: draw number {@code n} depends
 * only on the seed and {@code n}, never on the order draws are made in.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;

    private Philox() {}

    /**
     * @param seed    the key
     * @param counter the draw number
     * @return the first two 32-bit words of the block, as one long (word 0 in the high half)
     */
    public static long bits(long seed, long counter) {
        int c0 = (int) counter;
        int c1 = (int) (counter >>> 32);
        int c2 = 0;
        int c3 = 0;
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        for (int round = 0; round < 10; round++) {
            long p0 = (c0 & 0xFFFFFFFFL) * (M0 & 0xFFFFFFFFL);
            long p1 = (c2 & 0xFFFFFFFFL) * (M1 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        return ((long) c0 << 32) | (c1 & 0xFFFFFFFFL);
    }

    /**
     * @param seed the key
     * @param counter the draw number
     * @return a float in [0, 1) with 24 random bits
     */
    public static float uniformFloat(long seed, long counter) {
        return (bits(seed, counter) >>> 40) * 0x1.0p-24f;
    }

    /**
     * @param seed the key
     * @param counter the draw number
     * @return a double in [0, 1) with 53 random bits
     */
    public static double uniformDouble(long seed, long counter) {
        return (bits(seed, counter) >>> 11) * 0x1.0p-53;
    }

    /**
     * @param seed the key
     * @param counter the draw number
     * @return a standard normal value (Box-Muller)
     */
    public static double normal(long seed, long counter) {
        long b = bits(seed, counter);
        double u1 = ((b >>> 32) + 1.0) * 0x1.0p-32;
        double u2 = (b & 0xFFFFFFFFL) * 0x1.0p-32;
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
