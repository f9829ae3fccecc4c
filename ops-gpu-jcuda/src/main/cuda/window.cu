// im2col and col2im for convolution and pooling, on contiguous (N, C, H, W) images and
// (N, C*kh*kw, oh*ow) columns of one element type. col2im gathers, one thread per image element,
// instead of scattering with atomics, so its sums are the same in every run.
#include "myelin_common.cuh"

extern "C" __global__ void im2col_kernel(long long n, long long c, long long h, long long w, long long kh, long long kw, long long sh,
        long long sw, long long ph, long long pw, long long dh, long long dw, long long oh, long long ow,
        long long dtype, const char* x, long long xo, char* out, long long oo) {
    long long total = n * c * kh * kw * oh * ow;
    GRID_STRIDE(e, total) {
        long long ox = e % ow, t = e / ow;
        long long oy = t % oh;
        t /= oh;
        long long j = t % kw;
        t /= kw;
        long long i = t % kh;
        long long plane = t / kh;
        long long y = oy * sh - ph + i * dh;
        long long xx = ox * sw - pw + j * dw;
        double v = 0;
        if (y >= 0 && y < h && xx >= 0 && xx < w) {
            v = load_as_double(x, dtype, xo + (plane * h + y) * w + xx);
        }
        store_double(out, dtype, oo + e, v);
    }
}

extern "C" __global__ void col2im_kernel(long long n, long long c, long long h, long long w, long long kh, long long kw, long long sh,
        long long sw, long long ph, long long pw, long long dh, long long dw, long long oh, long long ow,
        long long dtype, const char* cols, long long co, char* out, long long oo) {
    long long total = n * c * h * w;
    GRID_STRIDE(e, total) {
        long long xx = e % w, t = e / w;
        long long y = t % h;
        long long plane = t / h;
        double s = 0;
        for (long long i = 0; i < kh; i++) {
            long long ty = y + ph - i * dh;
            if (ty < 0 || ty % sh != 0 || ty / sh >= oh) {
                continue;
            }
            for (long long j = 0; j < kw; j++) {
                long long tx = xx + pw - j * dw;
                if (tx < 0 || tx % sw != 0 || tx / sw >= ow) {
                    continue;
                }
                s += load_as_double(cols, dtype, co + ((plane * kh + i) * kw + j) * oh * ow + (ty / sh) * ow + tx / sw);
            }
        }
        store_double(out, dtype, oo + e, s);
    }
}

// One thread per output: the largest element of its window (the first on ties; a NaN wins, as in
// PyTorch) and that element's position y * w + x in its image plane.
extern "C" __global__ void max_pool_kernel(long long n, long long c, long long h, long long w, long long kh, long long kw,
        long long sh, long long sw, long long ph, long long pw, long long dh, long long dw, long long oh, long long ow,
        long long dtype, const char* x, long long xo, char* out, long long oo, long long* index, long long io) {
    long long total = n * c * oh * ow;
    GRID_STRIDE(e, total) {
        long long ox = e % ow, t = e / ow;
        long long oy = t % oh;
        long long plane = t / oh;
        double best = -__longlong_as_double(0x7ff0000000000000LL);
        long long at = -1;
        for (long long i = 0; i < kh; i++) {
            long long y = oy * sh - ph + i * dh;
            if (y < 0 || y >= h) {
                continue;
            }
            for (long long j = 0; j < kw; j++) {
                long long xx = ox * sw - pw + j * dw;
                if (xx < 0 || xx >= w) {
                    continue;
                }
                double v = load_as_double(x, dtype, xo + (plane * h + y) * w + xx);
                if (at < 0 || v > best || v != v) {
                    best = v;
                    at = y * w + xx;
                }
            }
        }
        store_double(out, dtype, oo + e, best);
        index[io + e] = at;
    }
}
