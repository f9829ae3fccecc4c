// The built-in matrix product, used where cuBLAS does not load or an operand's layout does not fit
// it (a stride-0 broadcast, say). One block computes a 64 x 64 tile of out, 16 x 16 threads with a
// 4 x 4 block each, through 16-deep tiles of a and b staged in shared memory. Operands are read
// through their row and column strides, so transposed and sliced views need no copy. This file is
// compiled without automatic multiply-add fusion (see random.cu); the products here fuse on purpose
// through fmaf / fma.
#define TILE_M 64
#define TILE_N 64
#define TILE_K 16
#define THREADS 256

__device__ __forceinline__ float fused(float a, float b, float c) { return fmaf(a, b, c); }
__device__ __forceinline__ double fused(double a, double b, double c) { return fma(a, b, c); }

template <typename T>
__device__ void gemm_tile(long long m, long long n, long long k,
                          const T* a, long long a_off, long long a_rs, long long a_cs,
                          const T* b, long long b_off, long long b_rs, long long b_cs,
                          T* c, long long c_off, long long c_rs, long long c_cs,
                          T (*as)[TILE_M + 1], T (*bs)[TILE_N + 1]) {
    int tx = threadIdx.x % 16;
    int ty = threadIdx.x / 16;
    long long row0 = (long long) blockIdx.y * TILE_M;
    long long col0 = (long long) blockIdx.x * TILE_N;
    T acc[4][4];
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) acc[i][j] = 0;

    for (long long k0 = 0; k0 < k; k0 += TILE_K) {
        for (int e = threadIdx.x; e < TILE_M * TILE_K; e += THREADS) {
            int r = e / TILE_K;
            int kk = e % TILE_K;
            long long gr = row0 + r;
            long long gk = k0 + kk;
            as[kk][r] = (gr < m && gk < k) ? a[a_off + gr * a_rs + gk * a_cs] : (T) 0;
        }
        for (int e = threadIdx.x; e < TILE_K * TILE_N; e += THREADS) {
            int kk = e / TILE_N;
            int col = e % TILE_N;
            long long gk = k0 + kk;
            long long gc = col0 + col;
            bs[kk][col] = (gk < k && gc < n) ? b[b_off + gk * b_rs + gc * b_cs] : (T) 0;
        }
        __syncthreads();
        for (int kk = 0; kk < TILE_K; ++kk) {
            T av[4];
            T bv[4];
            for (int i = 0; i < 4; ++i) av[i] = as[kk][ty + 16 * i];
            for (int j = 0; j < 4; ++j) bv[j] = bs[kk][tx + 16 * j];
            for (int i = 0; i < 4; ++i)
                for (int j = 0; j < 4; ++j) acc[i][j] = fused(av[i], bv[j], acc[i][j]);
        }
        __syncthreads();
    }
    for (int i = 0; i < 4; ++i) {
        long long r = row0 + ty + 16 * i;
        if (r >= m) continue;
        for (int j = 0; j < 4; ++j) {
            long long col = col0 + tx + 16 * j;
            if (col < n) c[c_off + r * c_rs + col * c_cs] = acc[i][j];
        }
    }
}

extern "C" __global__ void __launch_bounds__(THREADS) sgemm_kernel(
        long long m, long long n, long long k,
        const float* a, long long a_off, long long a_rs, long long a_cs,
        const float* b, long long b_off, long long b_rs, long long b_cs,
        float* c, long long c_off, long long c_rs, long long c_cs) {
    __shared__ float as[TILE_K][TILE_M + 1];
    __shared__ float bs[TILE_K][TILE_N + 1];
    gemm_tile<float>(m, n, k, a, a_off, a_rs, a_cs, b, b_off, b_rs, b_cs, c, c_off, c_rs, c_cs, as, bs);
}

extern "C" __global__ void __launch_bounds__(THREADS) dgemm_kernel(
        long long m, long long n, long long k,
        const double* a, long long a_off, long long a_rs, long long a_cs,
        const double* b, long long b_off, long long b_rs, long long b_cs,
        double* c, long long c_off, long long c_rs, long long c_cs) {
    __shared__ double as[TILE_K][TILE_M + 1];
    __shared__ double bs[TILE_K][TILE_N + 1];
    gemm_tile<double>(m, n, k, a, a_off, a_rs, a_cs, b, b_off, b_rs, b_cs, c, c_off, c_rs, c_cs, as, bs);
}
