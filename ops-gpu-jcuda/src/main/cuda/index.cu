// gather and scatter-add with torch.gather / torch.scatter_add_ semantics. The Geo walks the index
// tensor's shape; the indexed operand's stride along `axis` is 0 in the Geo and applied per element
// from the index value instead. Indices are checked by check_indices_kernel before either runs.
#include "myelin_common.cuh"

// Records one out-of-range index: flag[0] becomes 1 and flag[1] the offending value.
extern "C" __global__ void check_indices_kernel(Geo g, const long long* index, long long size,
                                                unsigned long long* flag) {
    GRID_STRIDE(i, g.n) {
        long long pos[1];
        geo_positions(g, i, 1, pos);
        long long v = index[pos[0]];
        if (v < 0 || v >= size) {
            if (atomicCAS(&flag[0], 0ull, 1ull) == 0ull) {
                flag[1] = (unsigned long long) v;
            }
        }
    }
}

// Operands: 0 index, 1 out, 2 x (stride 0 along axis).
extern "C" __global__ void gather_kernel(Geo g, const long long* index, char* out, const char* x,
                                         long long x_axis_stride) {
    GRID_STRIDE(i, g.n) {
        long long pos[3];
        geo_positions(g, i, 3, pos);
        long long k = index[pos[0]];
        store_double(out, g.dtype[1], pos[1], load_as_double(x, g.dtype[2], pos[2] + k * x_axis_stride));
    }
}

// Operands: 0 index, 1 src, 2 out (stride 0 along axis). Repeated targets add up through atomics,
// so the order of the additions (and the last bits of a FLOAT32 sum) may vary from run to run.
extern "C" __global__ void scatter_add_kernel(Geo g, const long long* index, const char* src, char* out,
                                              long long out_axis_stride) {
    GRID_STRIDE(i, g.n) {
        long long pos[3];
        geo_positions(g, i, 3, pos);
        long long target = pos[2] + index[pos[0]] * out_axis_stride;
        double v = load_as_double(src, g.dtype[1], pos[1]);
        long long type = g.dtype[2];
        if (type == DT_F32) {
            atomicAdd(((float*) out) + target, (float) v);
        } else if (type == DT_F64) {
            atomicAdd(((double*) out) + target, v);
        } else {
            atomicAdd((unsigned long long*) (((long long*) out) + target), (unsigned long long) java_double_to_long(v));
        }
    }
}
