// Reductions, arg-reductions and softmax. One block of BLOCK threads per output element (grid-stride
// over outputs); the threads split the reduced elements and combine in shared memory, in double.
// `kept` walks the outputs (operand 0: out, operand 1: x's position for that output); `red` walks
// the reduced elements (operand 0: x's stride along them).
#include "myelin_common.cuh"

#ifndef BLOCK
#define BLOCK 256  // threads per block: Launch.THREADS; the host emulation builds with a smaller power of two
#endif
#define REDUCE_SUM 0
#define REDUCE_MEAN 1
#define REDUCE_MAX 2
#define REDUCE_MIN 3

__device__ __forceinline__ double quiet_nan() { return __longlong_as_double(0x7ff8000000000000LL); }

// Math.max / Math.min semantics: NaN propagates.
__device__ __forceinline__ double combine(int op, double acc, double v) {
    if (op == REDUCE_SUM || op == REDUCE_MEAN) return acc + v;
    if (acc != acc || v != v) return quiet_nan();
    if (op == REDUCE_MAX) return v > acc ? v : acc;
    return v < acc ? v : acc;
}

__device__ __forceinline__ double identity(int op) {
    if (op == REDUCE_MAX) return -__longlong_as_double(0x7ff0000000000000LL);
    if (op == REDUCE_MIN) return __longlong_as_double(0x7ff0000000000000LL);
    return 0.0;
}

// Position of reduced element r relative to the output's base in x.
__device__ __forceinline__ long long reduced_offset(const Geo& red, long long r) {
    long long pos[1];
    geo_positions(red, r, 1, pos);
    return pos[0];
}

extern "C" __global__ void reduce_kernel(Geo kept, Geo red, char* out, const char* x, int op) {
    __shared__ double partial[BLOCK];
    for (long long o = blockIdx.x; o < kept.n; o += gridDim.x) {
        long long pos[2];
        geo_positions(kept, o, 2, pos);
        double acc = identity(op);
        for (long long r = threadIdx.x; r < red.n; r += BLOCK) {
            acc = combine(op, acc, load_as_double(x, kept.dtype[1], pos[1] + reduced_offset(red, r)));
        }
        partial[threadIdx.x] = acc;
        __syncthreads();
        for (int half = BLOCK / 2; half > 0; half >>= 1) {
            if (threadIdx.x < half) {
                partial[threadIdx.x] = combine(op, partial[threadIdx.x], partial[threadIdx.x + half]);
            }
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            double result = partial[0];
            if (op == REDUCE_MEAN) result = result / (double) red.n;  // 0 / 0: the NaN a mean of nothing is
            store_double(out, kept.dtype[0], pos[0], result);
        }
        __syncthreads();
    }
}

// Whether candidate (v, i) beats the current best (bv, bi): a NaN wins (the first NaN), otherwise the
// larger (or smaller) value, and ties keep the lower index.
__device__ __forceinline__ bool beats(bool max, double v, long long i, double bv, long long bi) {
    bool vn = v != v;
    bool bn = bv != bv;
    if (bn) return vn && i < bi;
    if (vn) return true;
    if (max ? v > bv : v < bv) return true;
    return v == bv && i < bi;
}

extern "C" __global__ void arg_reduce_kernel(Geo kept, long long length, long long step, long long* out,
                                             const char* x, int max) {
    __shared__ double best_value[BLOCK];
    __shared__ long long best_index[BLOCK];
    for (long long o = blockIdx.x; o < kept.n; o += gridDim.x) {
        long long pos[2];
        geo_positions(kept, o, 2, pos);
        double bv = 0;
        long long bi = -1;
        for (long long i = threadIdx.x; i < length; i += BLOCK) {
            double v = load_as_double(x, kept.dtype[1], pos[1] + i * step);
            if (bi < 0 || beats(max != 0, v, i, bv, bi)) {
                bv = v;
                bi = i;
            }
        }
        best_value[threadIdx.x] = bv;
        best_index[threadIdx.x] = bi;
        __syncthreads();
        for (int half = BLOCK / 2; half > 0; half >>= 1) {
            if (threadIdx.x < half) {
                long long ci = best_index[threadIdx.x + half];
                long long mi = best_index[threadIdx.x];
                if (ci >= 0 && (mi < 0 || beats(max != 0, best_value[threadIdx.x + half], ci, best_value[threadIdx.x], mi))) {
                    best_value[threadIdx.x] = best_value[threadIdx.x + half];
                    best_index[threadIdx.x] = ci;
                }
            }
            __syncthreads();
        }
        if (threadIdx.x == 0) out[pos[0]] = best_index[0];
        __syncthreads();
    }
}

__device__ double block_combine(double* partial, double v, bool is_max) {
    partial[threadIdx.x] = v;
    __syncthreads();
    for (int half = BLOCK / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) {
            double a = partial[threadIdx.x];
            double b = partial[threadIdx.x + half];
            partial[threadIdx.x] = is_max ? combine(REDUCE_MAX, a, b) : a + b;
        }
        __syncthreads();
    }
    double result = partial[0];
    __syncthreads();
    return result;
}

// One block per row along `axis`. The row is read in full (max, then sum) before any write, and each
// thread writes only the elements it reads in the last pass, so out may be the very same view as x.
extern "C" __global__ void softmax_kernel(Geo kept, long long length, long long x_step, long long out_step,
                                          char* out, const char* x, int log_softmax) {
    __shared__ double partial[BLOCK];
    for (long long o = blockIdx.x; o < kept.n; o += gridDim.x) {
        long long pos[2];
        geo_positions(kept, o, 2, pos);
        double m = identity(REDUCE_MAX);
        for (long long i = threadIdx.x; i < length; i += BLOCK) {
            m = combine(REDUCE_MAX, m, load_as_double(x, kept.dtype[1], pos[1] + i * x_step));
        }
        m = block_combine(partial, m, true);
        double s = 0;
        for (long long i = threadIdx.x; i < length; i += BLOCK) {
            s += exp(load_as_double(x, kept.dtype[1], pos[1] + i * x_step) - m);
        }
        s = block_combine(partial, s, false);
        double log_sum = log(s);
        for (long long i = threadIdx.x; i < length; i += BLOCK) {
            double shifted = load_as_double(x, kept.dtype[1], pos[1] + i * x_step) - m;
            store_double(out, kept.dtype[0], pos[0] + i * out_step, log_softmax ? shifted - log_sum : exp(shifted) / s);
        }
        __syncthreads();
    }
}
