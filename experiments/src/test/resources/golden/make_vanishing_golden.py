#!/usr/bin/python3
"""Golden per-layer gradient norms for Myelin's `vanishing` experiment, computed by PyTorch.

Regenerate (Debian's python3 with torch 1.13), from the repository root:

    /usr/bin/python3 experiments/src/test/resources/golden/make_vanishing_golden.py \
        > experiments/src/test/resources/golden/vanishing_golden.txt

The network is the experiment's 784-30-30-30-30-10, built three ways from the same five linear
layers: `sigmoid` and `relu` (the activation after each hidden layer) and `residual` (the first
hidden layer, then three blocks y = x + sigmoid(W x + b), then the output layer). The weights are
drawn as the course's source draws them (N(0, 1/n_in), biases N(0, 1)) and rounded to 6
significant digits, so the text holds them exactly; the mini-batch is 8 random inputs in [0, 1]
(4 decimals) with random labels. For each variant, the loss is the mean cross-entropy of the
batch, and `norms.<variant>` holds || dC/db_l || for l = 1..5, computed in float64.

Each line is `<name> <shape> <values>`: shape is sizes joined by 'x', values space-separated.
"""
import torch

torch.manual_seed(20241129)
SIZES = [784, 30, 30, 30, 30, 10]
BATCH = 8


def rounded(t, digits):
    return torch.tensor([float("%.*g" % (digits, v)) for v in t.reshape(-1).tolist()], dtype=torch.float64).reshape(t.shape)


layers = []
for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
    w = rounded(torch.randn(n_out, n_in, dtype=torch.float64) / n_in ** 0.5, 6)
    b = rounded(torch.randn(n_out, dtype=torch.float64), 6)
    layers.append((w, b))
x = torch.tensor([float("%.4f" % v) for v in torch.rand(BATCH * 784).tolist()], dtype=torch.float64).reshape(BATCH, 784)
target = torch.randint(0, 10, (BATCH,))


def forward(variant, params, inp):
    linear = lambda i, h: h @ params[i][0].T + params[i][1]
    if variant == "residual":
        h = torch.sigmoid(linear(0, inp))
        for i in (1, 2, 3):
            h = h + torch.sigmoid(linear(i, h))
        return linear(4, h)
    act = torch.sigmoid if variant == "sigmoid" else torch.relu
    h = inp
    for i in range(4):
        h = act(linear(i, h))
    return linear(4, h)


def emit(name, t, exact=False):
    """exact: the values are short decimals already (weights, inputs); write them as they are."""
    shape = "x".join(str(s) for s in t.shape)
    if t.dtype == torch.int64:
        vals = " ".join(str(int(v)) for v in t.reshape(-1).tolist())
    elif exact:
        vals = " ".join(repr(v) for v in t.reshape(-1).tolist())
    else:
        vals = " ".join("%.17g" % v for v in t.reshape(-1).tolist())
    print("%s %s %s" % (name, shape, vals))


print("# made by make_vanishing_golden.py with torch %s" % torch.__version__)
emit("x", x, exact=True)
emit("target", target)
for i, (w, b) in enumerate(layers, start=1):
    emit("layer%d.weight" % i, w, exact=True)
    emit("layer%d.bias" % i, b, exact=True)
for variant in ("sigmoid", "relu", "residual"):
    params = [(w.clone().requires_grad_(True), b.clone().requires_grad_(True)) for w, b in layers]
    loss = torch.nn.functional.cross_entropy(forward(variant, params, x), target)
    loss.backward()
    emit("norms." + variant, torch.stack([b.grad.norm() for _, b in params]))
