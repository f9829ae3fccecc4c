// Edit this file, not WindowsD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import org.myelin.api.spi.FusedKernels.Window;

/**
 * im2col and col2im of one FLOAT32 image plane. Along a row, the columns that fall inside the image
 * are one run (copied at once when the stride is 1); the padding on either side is zeros.
 */
final class WindowsF {
    private WindowsF() {}

    /** Writes the plane's kh·kw rows of columns, each outH·outW long, from {@code oo}. */
    static void im2col(float[] x, int xo, int h, int w, Window win, float[] out, int oo) {
        int ow = win.outW();
        int o = oo;
        for (int i = 0; i < win.kernelH(); i++) {
            for (int j = 0; j < win.kernelW(); j++) {
                int dx = j * win.dilationW() - win.padW();
                int lo = first(dx, win.strideW(), ow);
                int hi = Math.max(lo, end(dx, win.strideW(), w, ow));
                for (int oy = 0; oy < win.outH(); oy++, o += ow) {
                    int iy = oy * win.strideH() - win.padH() + i * win.dilationH();
                    if (iy < 0 || iy >= h) {
                        Arrays.fill(out, o, o + ow, 0f);
                        continue;
                    }
                    int row = xo + iy * w + dx;
                    Arrays.fill(out, o, o + lo, 0f);
                    if (win.strideW() == 1) {
                        System.arraycopy(x, row + lo, out, o + lo, hi - lo);
                    } else {
                        for (int ox = lo; ox < hi; ox++) {
                            out[o + ox] = x[row + ox * win.strideW()];
                        }
                    }
                    Arrays.fill(out, o + hi, o + ow, 0f);
                }
            }
        }
    }

    /** Sums the plane's kh·kw rows of columns, from {@code co}, back into the plane, which it overwrites. */
    static void col2im(float[] cols, int co, Window win, float[] out, int oo, int h, int w) {
        Arrays.fill(out, oo, oo + h * w, 0f);
        int ow = win.outW();
        int c = co;
        for (int i = 0; i < win.kernelH(); i++) {
            for (int j = 0; j < win.kernelW(); j++) {
                int dx = j * win.dilationW() - win.padW();
                int lo = first(dx, win.strideW(), ow);
                int hi = Math.max(lo, end(dx, win.strideW(), w, ow));
                for (int oy = 0; oy < win.outH(); oy++, c += ow) {
                    int iy = oy * win.strideH() - win.padH() + i * win.dilationH();
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    int row = oo + iy * w + dx;
                    int s = win.strideW();
                    for (int ox = lo; ox < hi; ox++) {
                        out[row + ox * s] += cols[c + ox];
                    }
                }
            }
        }
    }

    /**
     * The largest element of each window of one plane and its position in the plane: the first on
     * ties, and a NaN wins, as PyTorch's kernel does.
     */
    static void maxPool(float[] x, int xo, int h, int w, Window win, float[] out, int oo, long[] index, int io) {
        int o = 0;
        for (int oy = 0; oy < win.outH(); oy++) {
            for (int ox = 0; ox < win.outW(); ox++, o++) {
                float best = Float.NEGATIVE_INFINITY;
                int at = -1;
                for (int i = 0; i < win.kernelH(); i++) {
                    int y = oy * win.strideH() - win.padH() + i * win.dilationH();
                    if (y < 0 || y >= h) {
                        continue;
                    }
                    for (int j = 0; j < win.kernelW(); j++) {
                        int xx = ox * win.strideW() - win.padW() + j * win.dilationW();
                        if (xx < 0 || xx >= w) {
                            continue;
                        }
                        float v = x[xo + y * w + xx];
                        if (at < 0 || v > best || Float.isNaN(v)) {
                            best = v;
                            at = y * w + xx;
                        }
                    }
                }
                out[oo + o] = best;
                index[io + o] = at;
            }
        }
    }

    /** @return the first window column whose element at offset dx lies inside the row */
    private static int first(int dx, int stride, int ow) {
        return dx >= 0 ? 0 : Math.min(ow, (-dx + stride - 1) / stride);
    }

    /** @return one past the last window column whose element at offset dx lies inside a row of width w */
    private static int end(int dx, int stride, int w, int ow) {
        return dx > w - 1 ? 0 : Math.min(ow, (w - 1 - dx) / stride + 1);
    }
}
