// Compiles the CUDA C kernels of src/main/cuda as plain C++ for the host, so a test can run them
// through the pack's Java side without a GPU (HostEmulationConformanceTest). CUDA's keywords become
// C++ ones, __shared__ arrays become statics (shared by the OS threads that play one block's threads),
// __syncthreads() is a barrier, and the thread and block indices are thread-locals set per thread.
#pragma once
#include <math.h>
#include <string.h>
#include <atomic>

#define __global__
#define __device__ static
#define __host__
#define __forceinline__ inline
#define __shared__ static
#define __launch_bounds__(n)

struct emu_dim3 {
    unsigned x, y, z;
};
extern thread_local emu_dim3 blockIdx;
extern thread_local emu_dim3 threadIdx;
extern emu_dim3 blockDim;
extern emu_dim3 gridDim;
extern "C" void emu_syncthreads();
#define __syncthreads() emu_syncthreads()

static inline double __dadd_rn(double a, double b) { return a + b; }
static inline double __dsub_rn(double a, double b) { return a - b; }
static inline double __dmul_rn(double a, double b) { return a * b; }
static inline double __longlong_as_double(long long v) {
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}
static inline unsigned long long atomicCAS(unsigned long long* p, unsigned long long expected, unsigned long long value) {
    std::atomic_ref<unsigned long long>(*p).compare_exchange_strong(expected, value);
    return expected;
}
static inline float atomicAdd(float* p, float v) { return std::atomic_ref<float>(*p).fetch_add(v); }
static inline double atomicAdd(double* p, double v) { return std::atomic_ref<double>(*p).fetch_add(v); }
static inline unsigned long long atomicAdd(unsigned long long* p, unsigned long long v) {
    return std::atomic_ref<unsigned long long>(*p).fetch_add(v);
}
