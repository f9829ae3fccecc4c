package org.myelin.autograd.ops;

import java.util.Arrays;
import org.myelin.api.Attrs;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;

/**
 * The sliding windows shared by im2col, col2im, convolution and pooling: kernel, stride, padding
 * and dilation as (height, width) pairs, checked once, with the output size they give.
 */
record Windows(long kh, long kw, long sh, long sw, long ph, long pw, long dh, long dw) {

    /** A pooling's stride defaults to its kernel; an empty stride means that. */
    static Windows of(String op, Attrs a) {
        long[] k = pair(op, a, "kernel", null);
        long[] s = pair(op, a, "stride", k);
        long[] p = pair(op, a, "padding", null);
        long[] d = pair(op, a, "dilation", null);
        for (int i = 0; i < 2; i++) {
            if (k[i] < 1 || s[i] < 1 || d[i] < 1 || p[i] < 0) {
                throw new InvalidArgumentException(op + ": kernel " + Arrays.toString(k) + ", stride "
                        + Arrays.toString(s) + " and dilation " + Arrays.toString(d)
                        + " must be at least 1, and padding " + Arrays.toString(p) + " at least 0");
            }
        }
        return new Windows(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]);
    }

    private static long[] pair(String op, Attrs a, String name, long[] whenEmpty) {
        long[] v = a.getLongs(name);
        if (v.length == 0 && whenEmpty != null) {
            return whenEmpty;
        }
        if (v.length == 1) {
            return new long[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new InvalidArgumentException(op + ": " + name + " must be one number or a (height, width) pair, got "
                    + Arrays.toString(v));
        }
        return v;
    }

    /** @return the output's height for an input of height {@code h} */
    long outHeight(String op, long h) {
        return out(op, "height", h, kh, sh, ph, dh);
    }

    /** @return the output's width for an input of width {@code w} */
    long outWidth(String op, long w) {
        return out(op, "width", w, kw, sw, pw, dw);
    }

    private static long out(String op, String what, long in, long k, long s, long p, long d) {
        long span = d * (k - 1) + 1;
        long padded = in + 2 * p;
        if (span > padded) {
            throw new ShapeMismatchException(op + ": the kernel's " + what + " (" + span + (d > 1 ? ", dilated" : "")
                    + ") is larger than the padded input's (" + padded + "); use a smaller kernel, more padding or a "
                    + "larger input");
        }
        return (padded - span) / s + 1;
    }

    /** @return these windows for a pack's fused kernel, with the output's size */
    org.myelin.api.spi.FusedKernels.Window fused(long outH, long outW) {
        return new org.myelin.api.spi.FusedKernels.Window(Math.toIntExact(kh), Math.toIntExact(kw), Math.toIntExact(sh),
                Math.toIntExact(sw), Math.toIntExact(ph), Math.toIntExact(pw), Math.toIntExact(dh), Math.toIntExact(dw),
                Math.toIntExact(outH), Math.toIntExact(outW));
    }

    /** @return these windows as im2col's attributes, with another padding */
    Attrs attrs(long padH, long padW) {
        return Attrs.of("kernel", new long[] {kh, kw}, "stride", new long[] {sh, sw}, "padding",
                new long[] {padH, padW}, "dilation", new long[] {dh, dw});
    }

    /** Pooling's rule, as PyTorch's: a window must hold at least one element of the input. */
    void requireHalfKernelPadding(String op) {
        if (2 * ph > kh || 2 * pw > kw) {
            throw new InvalidArgumentException(op + ": padding (" + ph + ", " + pw + ") must be at most half the kernel ("
                    + kh + ", " + kw + ")");
        }
    }

    /** @return the input as (N, C, H, W): 4-d as it is, or 3-d (C, H, W) as a batch of one */
    static long[] batched(String op, Shape s, boolean unbatchedAllowed) {
        if (s.rank() == 4) {
            return s.toArray();
        }
        if (s.rank() == 3 && unbatchedAllowed) {
            return new long[] {1, s.size(0), s.size(1), s.size(2)};
        }
        throw new ShapeMismatchException(op + ": the input must be 4-d (batch, channels, height, width)"
                + (unbatchedAllowed ? " or 3-d (channels, height, width)" : "") + ", got " + s
                + (s.rank() == 3 ? "; add the batch axis with unsqueeze(0)" : s.rank() == 2
                ? "; reshape flat samples to (batch, channels, height, width), for example with Unflatten" : ""));
    }
}
