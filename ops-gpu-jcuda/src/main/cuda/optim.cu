// Fused optimizer steps with PyTorch's semantics, the same arithmetic in the same order as the
// reference (this file is compiled without multiply-add fusion). State is re-read as stored, so a
// FLOAT32 buffer steps exactly as it is kept.
#include "myelin_common.cuh"

// Operands: 0 param, 1 grad, 2 momentum buffer (only when use_momentum).
extern "C" __global__ void sgd_kernel(Geo g, char* param, const char* grad, char* buf, double lr, double momentum,
                                      double dampening, double weight_decay, int nesterov, int first_step,
                                      int use_momentum) {
    GRID_STRIDE(i, g.n) {
        long long pos[3];
        geo_positions(g, i, use_momentum ? 3 : 2, pos);
        double p = load_as_double(param, g.dtype[0], pos[0]);
        double d = load_as_double(grad, g.dtype[1], pos[1]) + weight_decay * p;
        if (use_momentum) {
            double b = first_step ? d : momentum * load_as_double(buf, g.dtype[2], pos[2]) + (1 - dampening) * d;
            store_double(buf, g.dtype[2], pos[2], b);
            b = round_to(g.dtype[2], b);
            d = nesterov ? d + momentum * b : b;
        }
        store_double(param, g.dtype[0], pos[0], p - lr * d);
    }
}

// Operands: 0 param, 1 grad, 2 first moment m, 3 second moment v. correction1/2 = 1 - beta^step.
extern "C" __global__ void adam_kernel(Geo g, char* param, const char* grad, char* m, char* v, double lr,
                                       double beta1, double beta2, double eps, double weight_decay, int decoupled,
                                       double correction1, double correction2) {
    GRID_STRIDE(i, g.n) {
        long long pos[4];
        geo_positions(g, i, 4, pos);
        double p = load_as_double(param, g.dtype[0], pos[0]);
        double gv = load_as_double(grad, g.dtype[1], pos[1]);
        if (decoupled) {
            p *= 1 - lr * weight_decay;
        } else {
            gv += weight_decay * p;
        }
        double mv = beta1 * load_as_double(m, g.dtype[2], pos[2]) + (1 - beta1) * gv;
        double vv = beta2 * load_as_double(v, g.dtype[3], pos[3]) + (1 - beta2) * gv * gv;
        store_double(m, g.dtype[2], pos[2], mv);
        store_double(v, g.dtype[3], pos[3], vv);
        double m_hat = round_to(g.dtype[2], mv) / correction1;
        double v_hat = round_to(g.dtype[3], vv) / correction2;
        store_double(param, g.dtype[0], pos[0], p - lr * m_hat / (sqrt(v_hat) + eps));
    }
}
