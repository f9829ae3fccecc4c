// Elementwise kernels: fill, copy, arange, unary, binary, compare, where. Each walks a Geo (operand 0
// is the output) and computes in double, rounding once on store, as the reference backend does;
// the work is memory-bound, so double math costs little and removes a source of disagreement.
// Op codes are the ordinals of the Java enums (UnaryOp, BinaryOp, CompareOp); OpCodesTest
// checks that these defines still match them.
#include "myelin_common.cuh"

#define UNARY_NEG 0
#define UNARY_ABS 1
#define UNARY_SIGN 2
#define UNARY_SQUARE 3
#define UNARY_SQRT 4
#define UNARY_RECIPROCAL 5
#define UNARY_EXP 6
#define UNARY_LOG 7
#define UNARY_LOG1P 8
#define UNARY_SIGMOID 9
#define UNARY_TANH 10
#define UNARY_RELU 11
#define UNARY_SOFTPLUS 12

#define BINARY_ADD 0
#define BINARY_SUB 1
#define BINARY_MUL 2
#define BINARY_DIV 3
#define BINARY_POW 4
#define BINARY_MAXIMUM 5
#define BINARY_MINIMUM 6

#define COMPARE_EQ 0
#define COMPARE_NE 1
#define COMPARE_LT 2
#define COMPARE_LE 3
#define COMPARE_GT 4
#define COMPARE_GE 5

__device__ double unary_apply(int op, double x) {
    switch (op) {
        case UNARY_NEG: return -x;
        case UNARY_ABS: return fabs(x);
        case UNARY_SIGN: return x > 0 ? 1.0 : (x < 0 ? -1.0 : x);  // keeps NaN and the sign of zero, as Math.signum
        case UNARY_SQUARE: return x * x;
        case UNARY_SQRT: return sqrt(x);
        case UNARY_RECIPROCAL: return 1.0 / x;
        case UNARY_EXP: return exp(x);
        case UNARY_LOG: return log(x);
        case UNARY_LOG1P: return log1p(x);
        case UNARY_SIGMOID: return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
        case UNARY_TANH: return tanh(x);
        case UNARY_RELU: return (x > 0 || x != x) ? x : 0.0;
        case UNARY_SOFTPLUS: return ((x > 0 || x != x) ? x : 0.0) + log1p(exp(-fabs(x)));
        default: return __longlong_as_double(0x7ff8000000000000LL);
    }
}

// Java's Math.max and Math.min: NaN wins, and +0.0 is larger than -0.0.
__device__ double java_max(double a, double b) {
    if (a != a || b != b) return __longlong_as_double(0x7ff8000000000000LL);
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

__device__ double java_min(double a, double b) {
    if (a != a || b != b) return __longlong_as_double(0x7ff8000000000000LL);
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}

// Java's Math.pow differs from C's pow in two corners: a NaN exponent always gives NaN, and
// (+-1) to an infinite power is NaN rather than 1.
__device__ double java_pow(double a, double b) {
    if (b != b) return b;
    if (fabs(a) == 1.0 && isinf(b)) return __longlong_as_double(0x7ff8000000000000LL);
    return pow(a, b);
}

__device__ double binary_apply(int op, double a, double b) {
    switch (op) {
        case BINARY_ADD: return a + b;
        case BINARY_SUB: return a - b;
        case BINARY_MUL: return a * b;
        case BINARY_DIV: return a / b;
        case BINARY_POW: return java_pow(a, b);
        case BINARY_MAXIMUM: return java_max(a, b);
        case BINARY_MINIMUM: return java_min(a, b);
        default: return __longlong_as_double(0x7ff8000000000000LL);
    }
}

__device__ bool compare_apply(int op, double a, double b) {
    switch (op) {
        case COMPARE_EQ: return a == b;
        case COMPARE_NE: return a != b;
        case COMPARE_LT: return a < b;
        case COMPARE_LE: return a <= b;
        case COMPARE_GT: return a > b;
        case COMPARE_GE: return a >= b;
        default: return false;
    }
}

extern "C" __global__ void fill_kernel(Geo g, char* out, double value) {
    GRID_STRIDE(i, g.n) {
        long long pos[1];
        geo_positions(g, i, 1, pos);
        store_double(out, g.dtype[0], pos[0], value);
    }
}

extern "C" __global__ void copy_kernel(Geo g, char* dst, const char* src) {
    bool integers = g.dtype[0] == DT_I64 && g.dtype[1] == DT_I64;
    GRID_STRIDE(i, g.n) {
        long long pos[2];
        geo_positions(g, i, 2, pos);
        if (integers) {
            // Through 64-bit integers: a double holds only 53 of the 64 bits.
            ((long long*) dst)[pos[0]] = ((const long long*) src)[pos[1]];
        } else {
            store_double(dst, g.dtype[0], pos[0], load_as_double(src, g.dtype[1], pos[1]));
        }
    }
}

extern "C" __global__ void arange_kernel(Geo g, char* out, double start, double step) {
    GRID_STRIDE(i, g.n) {
        long long pos[1];
        geo_positions(g, i, 1, pos);
        // start + i * step, not a running sum, and never fused, exactly as the reference computes it.
        store_double(out, g.dtype[0], pos[0], __dadd_rn(start, __dmul_rn((double) i, step)));
    }
}

extern "C" __global__ void unary_kernel(Geo g, char* out, const char* x, int op) {
    GRID_STRIDE(i, g.n) {
        long long pos[2];
        geo_positions(g, i, 2, pos);
        store_double(out, g.dtype[0], pos[0], unary_apply(op, load_as_double(x, g.dtype[1], pos[1])));
    }
}

extern "C" __global__ void binary_kernel(Geo g, char* out, const char* a, const char* b, int op) {
    GRID_STRIDE(i, g.n) {
        long long pos[3];
        geo_positions(g, i, 3, pos);
        double av = load_as_double(a, g.dtype[1], pos[1]);
        double bv = load_as_double(b, g.dtype[2], pos[2]);
        store_double(out, g.dtype[0], pos[0], binary_apply(op, av, bv));
    }
}

extern "C" __global__ void binary_scalar_kernel(Geo g, char* out, const char* a, double scalar, int op) {
    GRID_STRIDE(i, g.n) {
        long long pos[2];
        geo_positions(g, i, 2, pos);
        store_double(out, g.dtype[0], pos[0], binary_apply(op, load_as_double(a, g.dtype[1], pos[1]), scalar));
    }
}

extern "C" __global__ void compare_kernel(Geo g, char* out, const char* a, const char* b, int op) {
    GRID_STRIDE(i, g.n) {
        long long pos[3];
        geo_positions(g, i, 3, pos);
        bool holds = compare_apply(op, load_as_double(a, g.dtype[1], pos[1]), load_as_double(b, g.dtype[2], pos[2]));
        store_double(out, g.dtype[0], pos[0], holds ? 1.0 : 0.0);
    }
}

extern "C" __global__ void where_kernel(Geo g, char* out, const char* cond, const char* a, const char* b) {
    GRID_STRIDE(i, g.n) {
        long long pos[4];
        geo_positions(g, i, 4, pos);
        bool pick_a = load_as_double(cond, g.dtype[1], pos[1]) != 0.0;  // NaN counts as true
        double v = pick_a ? load_as_double(a, g.dtype[2], pos[2]) : load_as_double(b, g.dtype[3], pos[3]);
        store_double(out, g.dtype[0], pos[0], v);
    }
}
