// Random fills with the counter-based generator of org.myelin.api.spi.Philox, bit for bit: element i
// (row-major over out's shape) takes draw number counter + i. Every arithmetic step is written with
// round-to-nearest intrinsics so the compiler cannot fuse a multiply and an add that Java keeps apart.
#include "myelin_common.cuh"

// The generator also compiles for the host, so a test can run it beside Philox.java without a GPU
// (PhiloxSourceTest). On the device the _rn intrinsics forbid fusion; host code is built without it.
#ifdef __CUDA_ARCH__
#define MUL_RN(a, b) __dmul_rn(a, b)
#define ADD_RN(a, b) __dadd_rn(a, b)
#define SUB_RN(a, b) __dsub_rn(a, b)
#define MUL_HI(a, b) __umulhi(a, b)
#else
#define MUL_RN(a, b) ((a) * (b))
#define ADD_RN(a, b) ((a) + (b))
#define SUB_RN(a, b) ((a) - (b))
#define MUL_HI(a, b) ((unsigned int) (((unsigned long long) (a) * (b)) >> 32))
#endif

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

// Philox4x32-10 with counter (counter, 0) and key seed; returns words 0 and 1 as (c0 << 32) | c1.
__host__ __device__ unsigned long long philox_bits(unsigned long long seed, unsigned long long counter) {
    unsigned int c0 = (unsigned int) counter;
    unsigned int c1 = (unsigned int) (counter >> 32);
    unsigned int c2 = 0;
    unsigned int c3 = 0;
    unsigned int k0 = (unsigned int) seed;
    unsigned int k1 = (unsigned int) (seed >> 32);
    for (int round = 0; round < 10; ++round) {
        unsigned int hi0 = MUL_HI(c0, PHILOX_M0);
        unsigned int lo0 = c0 * PHILOX_M0;
        unsigned int hi1 = MUL_HI(c2, PHILOX_M1);
        unsigned int lo1 = c2 * PHILOX_M1;
        unsigned int n0 = hi1 ^ c1 ^ k0;
        unsigned int n1 = lo1;
        unsigned int n2 = hi0 ^ c3 ^ k1;
        unsigned int n3 = lo0;
        c0 = n0;
        c1 = n1;
        c2 = n2;
        c3 = n3;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    return ((unsigned long long) c0 << 32) | (unsigned long long) c1;
}

// Philox.uniformFloat: 24 random bits, so FLOAT32 values are exactly the float grid of [0, 1).
__host__ __device__ __forceinline__ double philox_uniform_float(unsigned long long seed, unsigned long long counter) {
    return (double) (philox_bits(seed, counter) >> 40) * 0x1.0p-24;
}

// Philox.uniformDouble: 53 random bits.
__host__ __device__ __forceinline__ double philox_uniform_double(unsigned long long seed, unsigned long long counter) {
    return (double) (philox_bits(seed, counter) >> 11) * 0x1.0p-53;
}

// Philox.normal: Box-Muller on the two words; u1 is in (0, 1] so its logarithm is finite.
__host__ __device__ __forceinline__ double philox_normal(unsigned long long seed, unsigned long long counter) {
    unsigned long long b = philox_bits(seed, counter);
    double u1 = MUL_RN(ADD_RN((double) (b >> 32), 1.0), 0x1.0p-32);
    double u2 = MUL_RN((double) (b & 0xFFFFFFFFull), 0x1.0p-32);
    const double two_pi = 2.0 * 3.141592653589793;  // Java's 2.0 * Math.PI, exact (a doubling)
    return MUL_RN(sqrt(MUL_RN(-2.0, log(u1))), cos(MUL_RN(two_pi, u2)));
}

extern "C" __global__ void random_uniform_kernel(Geo g, char* out, unsigned long long seed,
                                                 unsigned long long counter, double low, double high) {
    bool single = g.dtype[0] == DT_F32;
    double span = SUB_RN(high, low);
    GRID_STRIDE(i, g.n) {
        long long pos[1];
        geo_positions(g, i, 1, pos);
        unsigned long long draw = counter + (unsigned long long) i;
        double u = single ? philox_uniform_float(seed, draw) : philox_uniform_double(seed, draw);
        store_double(out, g.dtype[0], pos[0], ADD_RN(low, MUL_RN(span, u)));
    }
}

extern "C" __global__ void random_normal_kernel(Geo g, char* out, unsigned long long seed,
                                                unsigned long long counter, double mean, double std) {
    GRID_STRIDE(i, g.n) {
        long long pos[1];
        geo_positions(g, i, 1, pos);
        double z = philox_normal(seed, counter + (unsigned long long) i);
        store_double(out, g.dtype[0], pos[0], ADD_RN(mean, MUL_RN(std, z)));
    }
}

// The raw bits of draws counter .. counter + n - 1, for checking this file against Philox.bits.
extern "C" __global__ void philox_bits_kernel(unsigned long long* out, long long n, unsigned long long seed,
                                              unsigned long long counter) {
    GRID_STRIDE(i, n) {
        out[i] = philox_bits(seed, counter + (unsigned long long) i);
    }
}
