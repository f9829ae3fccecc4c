#!/usr/bin/python3
"""Golden values from PyTorch for PyTorchGoldenTest (module autograd).

Regenerate (Debian's interpreter has torch 1.13 and numpy; another python3 on PATH may not):

    cd autograd/src/test/resources/golden
    /usr/bin/python3 make_golden.py > golden.txt

Each graph is built twice, in float64 and in float32, from the same inputs: they are drawn in
float64 with a fixed torch.manual_seed, then cast to float32 for the float32 run, and the float32
values are what is written, so Java starts from bit-identical inputs. Every graph ends in a scalar
`loss`; backward is run from it and the gradient of every leaf that requires grad is written.

File format (plain text, no JSON needed). Lines starting with '#' are comments. Every other line is

    <graph>.<dtype>.<role>.<name> <shape> <value> <value> ...

  dtype  f64 | f32
  role   in    a leaf that requires grad (floating)
         const a floating leaf that does not require grad
         idx   an int64 tensor (labels / gather indices); values are integers
         out   a forward result the Java graph must reproduce (the scalar `loss` among them)
         grad  d loss / d leaf, for every `in` leaf
  shape  sizes joined by ',' or the word 'scalar' for a rank-0 tensor
  values row-major; floats as Python repr of the double (shortest round-trip, <= 17 significant
         digits). For f32 the double is exactly the float32 value, so (float) parse is exact.

The Java test mirrors each graph function below op for op; keep the two in step.
"""

import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
DTYPES = (("f64", torch.float64), ("f32", torch.float32))


# ----------------------------------------------------------------------------- inputs

def make_inputs(seed, spec):
    """spec: list of (name, role, maker); maker(gen) returns a float64 or int64 tensor."""
    torch.manual_seed(seed)
    out = []
    for name, role, maker in spec:
        out.append((name, role, maker()))
    return out


def randn(*shape, scale=1.0, shift=0.0):
    return lambda: torch.randn(*shape, dtype=torch.float64) * scale + shift


def randint(high, *shape):
    return lambda: torch.randint(0, high, shape, dtype=torch.int64)


# ----------------------------------------------------------------------------- graphs
# Every graph takes a dict name -> tensor and returns a dict name -> tensor holding 'loss'.
# CHECKS collects conditions that keep the reference away from kinks (relu at 0, ties in max).

CHECKS = []


def linear(x, w, b):
    return x @ w.t() + b                       # Java: x.matmul(w.t()).add(b)


def mlp(act):
    def graph(t):
        h = act(linear(t["x"], t["W1"], t["b1"]))          # [8,7]
        logits = linear(h, t["W2"], t["b2"])               # [8,4]
        logp = torch.log_softmax(logits, 1)                # [8,4]
        picked = logp.gather(1, t["y"].view(8, 1))         # Java: gather(1, Tensor.of(y, 8, 1))
        loss = picked.neg().mean()
        ce = F.cross_entropy(logits, t["y"])
        assert abs(ce.item() - loss.item()) <= 1e-12 + 1e-6 * abs(ce.item()), (ce, loss)
        return {"h": h, "logits": logits, "logp": logp, "ce_torch": ce.detach(), "loss": loss}
    return graph


def residual(t):
    x = t["x"]                                             # [6,5]
    pre1 = linear(x, t["W1"], t["b1"])                     # [6,8]
    CHECKS.append(("residual relu1 margin", pre1.abs().min().item() > 1e-3))
    r1 = x + pre1.relu() @ t["W2"].t()                     # identity skip, [6,5]
    pre2 = linear(r1, t["W3"], t["b3"])                    # [6,4]
    CHECKS.append(("residual relu2 margin", pre2.abs().min().item() > 1e-3))
    z = r1 @ t["Ws"].t() + pre2.relu() @ t["W4"].t()       # projected skip, [6,3]
    loss = (z * z).sum()
    return {"r1": r1, "z": z, "loss": loss}


def broadcast(t):
    a, b, c = t["a"], t["b"], t["c"]                       # [3,1,4] [5,1] [4]
    u = a * b + c                                          # [3,5,4]
    s = u.sum((0, 2))                                      # [5]
    m = u.mean(1, keepdim=True)                            # [3,1,4]
    mx = u.max(2).values                                   # [3,5]
    top2 = u.topk(2, dim=2).values
    CHECKS.append(("broadcast max gap", (top2[..., 0] - top2[..., 1]).min().item() > 1e-3))
    v = (a - c) / (b * b + 1)                              # [3,5,4]
    w = v.sum(-1)                                          # [3,5]
    g = u.max()                                            # scalar
    CHECKS.append(("broadcast global max gap",
                   (u.flatten().topk(2).values[0] - u.flatten().topk(2).values[1]).item() > 1e-3))
    loss = (s * s).mean() + (m * m).sum() + mx.tanh().sum() + w.mean() + g
    return {"u": u, "s": s, "m": m, "mx": mx, "v": v, "w": w, "g": g, "loss": loss}


def matmul_chain(t):
    A, B, C = t["A"], t["B"], t["C"]                       # [4,3] [4,5] [6,5]
    X, Y, Z = t["X"], t["Y"], t["Z"]                       # [2,4,3] [2,4,5] [2,6,5]
    P = A.t() @ B @ C.t()                                  # [3,6]
    Q = X.transpose(-1, -2) @ Y @ Z.transpose(-1, -2)      # [2,3,6]
    R = X.transpose(-1, -2) @ B @ C.t()                    # batch broadcast: [2,3,5] @ [5,6]
    loss = (P * P).mean() + Q.sigmoid().sum() + R.tanh().sum()
    return {"P": P, "Q": Q, "R": R, "loss": loss}


def matvec(t):
    u, M, v = t["u"], t["M"], t["v"]                       # [4] [4,5] [5]
    uM = u @ M                                             # 1-d promoted: [5]
    Mv = M @ v                                             # [4]
    s = uM @ v                                             # scalar
    loss = s + (Mv * Mv).sum()
    return {"uM": uM, "Mv": Mv, "s": s, "loss": loss}


def logsumexp(t):
    x, y, K, T = t["x"], t["y"], t["K"], t["T"]            # all [6,9]; x is scaled by 50
    lse_row = torch.logsumexp(x + 700, 1)                  # [6]; exp(700 + 150) overflows naively
    lse_col = torch.logsumexp(x, -2)                       # [9]
    sm = torch.softmax(x * 0.05 + y, 1)                    # [6,9]
    ls = torch.log_softmax(y - x * 0.02, -1)               # [6,9]
    loss = lse_row.mean() + lse_col.sum() * 0.1 + (sm * K).sum() - (ls * T).sum() / 6
    return {"lse_row": lse_row, "lse_col": lse_col, "sm": sm, "ls": ls, "loss": loss}


def soft_targets():
    return torch.softmax(torch.randn(6, 9, dtype=torch.float64), 1)


MLP_SPEC = [
    ("x", "in", randn(8, 5)),
    ("W1", "in", randn(7, 5, scale=0.5)),
    ("b1", "in", randn(7, scale=0.1)),
    ("W2", "in", randn(4, 7, scale=0.5)),
    ("b2", "in", randn(4, scale=0.1)),
    ("y", "idx", randint(4, 8)),
]

GRAPHS = [
    ("mlp_tanh", 1001, MLP_SPEC, mlp(torch.tanh)),
    ("mlp_sigmoid", 1002, MLP_SPEC, mlp(torch.sigmoid)),
    ("residual", 1003, [
        ("x", "in", randn(6, 5)),
        ("W1", "in", randn(8, 5, scale=0.5)),
        ("b1", "in", randn(8, scale=0.1)),
        ("W2", "in", randn(5, 8, scale=0.5)),
        ("W3", "in", randn(4, 5, scale=0.5)),
        ("b3", "in", randn(4, scale=0.1)),
        ("W4", "in", randn(3, 4, scale=0.5)),
        ("Ws", "in", randn(3, 5, scale=0.5)),
    ], residual),
    ("broadcast", 1004, [
        ("a", "in", randn(3, 1, 4)),
        ("b", "in", randn(5, 1)),
        ("c", "in", randn(4)),
    ], broadcast),
    ("matmul_chain", 1005, [
        ("A", "in", randn(4, 3)),
        ("B", "in", randn(4, 5)),
        ("C", "in", randn(6, 5)),
        ("X", "in", randn(2, 4, 3)),
        ("Y", "in", randn(2, 4, 5)),
        ("Z", "in", randn(2, 6, 5)),
    ], matmul_chain),
    ("matvec", 1006, [
        ("u", "in", randn(4)),
        ("M", "in", randn(4, 5)),
        ("v", "in", randn(5)),
    ], matvec),
    ("logsumexp", 1007, [
        ("x", "in", randn(6, 9, scale=50.0)),
        ("y", "in", randn(6, 9, scale=2.0)),
        ("K", "const", randn(6, 9)),
        ("T", "const", soft_targets),
    ], logsumexp),
]


# ----------------------------------------------------------------------------- running

def run(fn, inputs, dtype):
    """Builds leaves of the dtype, runs the graph and backward; returns (outputs, grads)."""
    leaves = {}
    for name, role, value in inputs:
        if role == "idx":
            leaves[name] = value.clone()
        else:
            leaves[name] = value.to(dtype).clone().requires_grad_(role == "in")
    outs = fn(leaves)
    loss = outs["loss"]
    assert loss.dim() == 0, "loss must be a scalar"
    loss.backward()
    grads = {n: leaves[n].grad for n, role, _ in inputs if role == "in"}
    for n, g in grads.items():
        assert g is not None, "no gradient for " + n
    return {k: v.detach() for k, v in outs.items()}, grads


def fmt_shape(t):
    return "scalar" if t.dim() == 0 else ",".join(str(s) for s in t.shape)


def fmt_values(t):
    flat = t.detach().reshape(-1)
    if flat.dtype == torch.int64:
        return " ".join(str(int(v)) for v in flat.tolist())
    vals = flat.to(torch.float64).tolist()          # float32 -> float64 is exact
    for v in vals:
        assert np.isfinite(v), "non-finite golden value"
    return " ".join(repr(float(v)) for v in vals)


def emit(out, key, t):
    out.write("%s %s %s\n" % (key, fmt_shape(t), fmt_values(t)))


def normwise(a, b):
    a = a.to(torch.float64)
    b = b.to(torch.float64)
    scale = max(b.abs().max().item(), 1e-30)
    return (a - b).abs().max().item() / scale


def main(out):
    out.write("# Golden values for org.myelin.autograd.PyTorchGoldenTest, made by make_golden.py.\n")
    out.write("# Regenerate: cd autograd/src/test/resources/golden && "
              "/usr/bin/python3 make_golden.py > golden.txt\n")
    out.write("# torch %s, numpy %s. Format: <graph>.<dtype>.<role>.<name> <shape|scalar> <values...>;"
              " see make_golden.py.\n" % (torch.__version__, np.__version__))
    for gname, seed, spec, fn in GRAPHS:
        inputs = make_inputs(seed, spec)
        # float32 inputs are the float64 draws rounded once; both runs are written.
        inputs32 = [(n, r, v if r == "idx" else v.to(torch.float32)) for n, r, v in inputs]
        ref_outs = None
        for dname, dtype in DTYPES:
            CHECKS.clear()
            outs, grads = run(fn, inputs32 if dtype == torch.float32 else inputs, dtype)
            failed = [what for what, ok in CHECKS if not ok]
            assert not failed, "%s %s: %s" % (gname, dname, failed)
            for name, role, value in (inputs32 if dtype == torch.float32 else inputs):
                emit(out, "%s.%s.%s.%s" % (gname, dname, role, name),
                     value if role == "idx" else value.to(dtype))
            for name, value in outs.items():
                assert value.dtype == dtype, (gname, name, value.dtype)
                emit(out, "%s.%s.out.%s" % (gname, dname, name), value)
            for name, value in grads.items():
                emit(out, "%s.%s.grad.%s" % (gname, dname, name), value)
            if dtype == torch.float32:
                # Sanity of the float32 reference: float64 on the very same (rounded) inputs must
                # agree to a quarter of the Java float32 tolerance (1e-4), so a correct engine
                # cannot fail on the reference's own rounding. The largest drift (about 1.5e-5) is
                # logsumexp's grad x: x + 700 is rounded in float32 (ulp 6e-5 near 800), which
                # Java's float32 add reproduces bit for bit.
                o64, g64 = run(fn, [(n, r, v if r == "idx" else v.to(torch.float64))
                                    for n, r, v in inputs32], torch.float64)
                drift = {"out." + k: normwise(outs[k], o64[k]) for k in outs}
                drift.update({"grad." + k: normwise(grads[k], g64[k]) for k in grads})
                worst = max(drift, key=drift.get)
                sys.stderr.write("%-13s float32 vs float64 on the same inputs: worst %.1e (%s)\n"
                                 % (gname, drift[worst], worst))
                assert drift[worst] < 2.5e-5, "%s: float32 reference drifts from float64" % gname

if __name__ == "__main__":
    main(sys.stdout)
