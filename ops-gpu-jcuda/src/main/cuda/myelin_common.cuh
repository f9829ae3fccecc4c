// Shared by every Myelin CUDA kernel file: element types chosen at run time, and the geometry
// struct that carries up to MAX_OPS strided views of up to MAX_RANK axes by value.
//
// Layout must match org.myelin.ops.gpu.jcuda.Geometry, which fills it as a long[]: every field is a
// 64-bit integer, so the struct has no padding and Java needs no alignment rules.
#pragma once

#define MAX_RANK 8
#define MAX_OPS 4

#define DT_F32 0
#define DT_F64 1
#define DT_I64 2

struct Geo {
    long long n;                          // elements walked
    long long rank;                       // axes after collapsing, <= MAX_RANK
    long long size[MAX_RANK];             // sizes, row-major
    long long dtype[MAX_OPS];             // DT_* of each operand
    long long offset[MAX_OPS];            // element offset of each operand's [0, 0, ...]
    long long stride[MAX_OPS][MAX_RANK];  // element strides of each operand
};

// Positions of element i (row-major over size) in each of the first `ops` operands.
__device__ __forceinline__ void geo_positions(const Geo& g, long long i, int ops, long long* pos) {
    for (int k = 0; k < MAX_OPS; ++k) {
        if (k < ops) pos[k] = g.offset[k];
    }
    for (int d = MAX_RANK - 1; d >= 0; --d) {
        if (d >= g.rank) continue;
        long long s = g.size[d];
        long long c = i % s;
        i /= s;
        for (int k = 0; k < MAX_OPS; ++k) {
            if (k < ops) pos[k] += c * g.stride[k][d];
        }
    }
}

__device__ __forceinline__ double load_as_double(const char* base, long long dtype, long long i) {
    if (dtype == DT_F32) return (double) ((const float*) base)[i];
    if (dtype == DT_F64) return ((const double*) base)[i];
    return (double) ((const long long*) base)[i];
}

// Java's (long) cast: NaN is 0, out-of-range values saturate, the rest truncate toward zero.
__device__ __forceinline__ long long java_double_to_long(double v) {
    if (v != v) return 0;
    if (v >= 9.2233720368547758e18) return 0x7fffffffffffffffLL;
    if (v <= -9.2233720368547758e18) return (long long) 0x8000000000000000ULL;
    return (long long) v;
}

__device__ __forceinline__ void store_double(char* base, long long dtype, long long i, double v) {
    if (dtype == DT_F32) ((float*) base)[i] = (float) v;
    else if (dtype == DT_F64) ((double*) base)[i] = v;
    else ((long long*) base)[i] = java_double_to_long(v);
}

// The value a store of v would hold, read back: optimizer steps use their state as stored.
__device__ __forceinline__ double round_to(long long dtype, double v) {
    if (dtype == DT_F32) return (double) (float) v;
    if (dtype == DT_I64) return (double) java_double_to_long(v);
    return v;
}

#define GRID_STRIDE(i, n) \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long) blockDim.x * gridDim.x)
