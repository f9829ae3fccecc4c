#!/usr/bin/python3
"""Golden values for Myelin's nn module, computed by PyTorch.

Regenerate (Debian's python3 with torch 1.13 and numpy), from the repository root:

    /usr/bin/python3 nn/src/test/resources/golden/make_nn_golden.py > nn/src/test/resources/golden/nn_golden.txt

Each line is one array: `<case>.<name> <shape> <values>`, where <case> has no dot, <shape> is
sizes joined by 'x' (or `scalar`), and values are space-separated with 17 significant digits
(integers for class indices). Names: `x` input, `target`, `g` upstream gradient (when the output
is not a scalar), `param.<state-dict name>` parameter values, `out` forward output, `grad.x` and
`grad.<state-dict name>` gradients. Every case exists twice: `_f64` computed in float64 and
`_f32` in float32 (its inputs are the float64 inputs rounded to float32).
"""
import torch

torch.manual_seed(1234)
LINES = []


def emit(case, name, t):
    t = t.detach()
    shape = "scalar" if t.dim() == 0 else "x".join(str(s) for s in t.shape)
    if t.dtype == torch.int64:
        vals = " ".join(str(int(v)) for v in t.reshape(-1).tolist())
    else:
        vals = " ".join("%.17g" % v for v in t.double().reshape(-1).tolist())
    LINES.append("%s.%s %s %s" % (case, name, shape, vals))


def layer_case(name, make_module, x64):
    """Forward and backward of a layer, with a random upstream gradient g, in both precisions."""
    module64 = make_module().double()
    state64 = {k: v.detach().clone() for k, v in module64.state_dict().items()}
    g64 = None
    for dtype, suffix in ((torch.float64, "f64"), (torch.float32, "f32")):
        case = "%s_%s" % (name, suffix)
        module = make_module().to(dtype)
        module.load_state_dict({k: v.to(dtype) for k, v in state64.items()})
        x = x64.to(dtype).clone().requires_grad_(True)
        out = module(x)
        if g64 is None:
            g64 = torch.randn(out.shape, dtype=torch.float64)
        g = g64.to(dtype)
        (out * g).sum().backward()
        emit(case, "x", x)
        emit(case, "g", g)
        for k, v in state64.items():
            emit(case, "param." + k, v if v.dtype == torch.int64 else v.to(dtype))
        emit(case, "out", out)
        for k, v in module.named_buffers():
            emit(case, "after." + k, v)
        emit(case, "grad.x", x.grad)
        for k, p in module.named_parameters():
            emit(case, "grad." + k, p.grad)


def loss_case(name, loss_fn, x64, target):
    """Forward and backward of a loss; an unreduced loss is backpropagated with a random g."""
    g64 = None
    for dtype, suffix in ((torch.float64, "f64"), (torch.float32, "f32")):
        case = "%s_%s" % (name, suffix)
        x = x64.to(dtype).clone().requires_grad_(True)
        t = target if target.dtype == torch.int64 else target.to(dtype)
        out = loss_fn(x, t)
        emit(case, "x", x)
        emit(case, "target", t)
        if out.dim() == 0:
            out.backward()
        else:
            if g64 is None:
                g64 = torch.randn(out.shape, dtype=torch.float64)
            emit(case, "g", g64.to(dtype))
            (out * g64.to(dtype)).sum().backward()
        emit(case, "out", out)
        emit(case, "grad.x", x.grad)


nn = torch.nn
x43 = torch.randn(4, 3, dtype=torch.float64) * 2

# ---------------------------------------------------------------- layers
layer_case("linear", lambda: nn.Linear(3, 2), x43)
layer_case("linear_nobias", lambda: nn.Linear(3, 2, bias=False), x43)
layer_case("sigmoid", nn.Sigmoid, x43)
layer_case("tanh", nn.Tanh, x43)
layer_case("relu", nn.ReLU, x43)
layer_case("leaky_relu", lambda: nn.LeakyReLU(0.2), x43)
layer_case("leaky_relu_default", nn.LeakyReLU, x43)
layer_case("softplus", nn.Softplus, torch.tensor([[-30.0, -3.0, -0.5], [0.25, 4.0, 15.0]], dtype=torch.float64))
layer_case("softmax_dim1", lambda: nn.Softmax(dim=1), x43)
layer_case("softmax_dim0", lambda: nn.Softmax(dim=0), x43)
layer_case("log_softmax_dim1", lambda: nn.LogSoftmax(dim=1), x43)
layer_case("log_softmax_dim0", lambda: nn.LogSoftmax(dim=0), x43)
layer_case("flatten", nn.Flatten, torch.randn(2, 3, 4, dtype=torch.float64))
layer_case("sequential", lambda: nn.Sequential(nn.Linear(3, 5), nn.Sigmoid(), nn.Linear(5, 2)), x43)


class Residual(nn.Module):
    """The course's block: y = x + R(x), or y = W_s x + R(x) with a bias-free projection."""

    def __init__(self, residual, projection=None):
        super().__init__()
        self.residual = residual
        if projection is not None:
            self.projection = projection

    def forward(self, x):
        shortcut = self.projection(x) if hasattr(self, "projection") else x
        return shortcut + self.residual(x)


layer_case("residual", lambda: Residual(nn.Sequential(nn.Linear(3, 3), nn.Tanh())), x43)
layer_case("residual_projected",
           lambda: Residual(nn.Sequential(nn.Linear(3, 4), nn.Tanh()), nn.Linear(3, 4, bias=False)), x43)

# ---------------------------------------------------------------- losses
F = torch.nn.functional
probs = torch.sigmoid(torch.randn(2, 4, dtype=torch.float64))
labels01 = torch.tensor([[1.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 0.0]], dtype=torch.float64)
for red in ("mean", "sum", "none"):
    loss_case("bce_" + red, lambda x, t, r=red: F.binary_cross_entropy(x, t, reduction=r), probs, labels01)
# log(0) and log(1-1) are clamped at -100, and the gradient's denominator at 1e-12.
loss_case("bce_clamp", lambda x, t: F.binary_cross_entropy(x, t),
          torch.tensor([0.0, 1.0, 0.0, 1.0], dtype=torch.float64), torch.tensor([1.0, 0.0, 0.0, 1.0], dtype=torch.float64))
loss_case("bce_near_edges", lambda x, t: F.binary_cross_entropy(x, t, reduction="none"),
          torch.tensor([1e-12, 1e-12, 1 - 1e-7, 1 - 1e-7], dtype=torch.float64),
          torch.tensor([1.0, 0.0, 0.0, 1.0], dtype=torch.float64))

logits = torch.tensor([[-100.0, -30.0, -2.0, 0.0], [0.5, 3.0, 30.0, 100.0]], dtype=torch.float64)
soft = torch.tensor([[0.0, 1.0, 0.5, 1.0], [0.0, 1.0, 0.0, 1.0]], dtype=torch.float64)
for red in ("mean", "sum", "none"):
    loss_case("bce_logits_" + red,
              lambda x, t, r=red: F.binary_cross_entropy_with_logits(x, t, reduction=r), logits, soft)

scores = torch.randn(4, 5, dtype=torch.float64) * 3
classes = torch.tensor([0, 3, 4, 1])
for red in ("mean", "sum", "none"):
    loss_case("cross_entropy_" + red, lambda x, t, r=red: F.cross_entropy(x, t, reduction=r), scores, classes)
    loss_case("cross_entropy_smooth_" + red,
              lambda x, t, r=red: F.cross_entropy(x, t, reduction=r, label_smoothing=0.1), scores, classes)
    loss_case("nll_" + red, lambda x, t, r=red: F.nll_loss(x, t, reduction=r),
              torch.log_softmax(scores, dim=1), classes)
    loss_case("mse_" + red, lambda x, t, r=red: F.mse_loss(x, t, reduction=r), x43, torch.randn(4, 3, dtype=torch.float64))
loss_case("cross_entropy_large", lambda x, t: F.cross_entropy(x, t), scores * 100, classes)
target_probs = torch.softmax(torch.randn(4, 5, dtype=torch.float64), dim=1)
loss_case("cross_entropy_probs", lambda x, t: F.cross_entropy(x, t), scores, target_probs)
loss_case("cross_entropy_probs_smooth", lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1), scores, target_probs)

# ---------------------------------------------------------------- convolutional layers (appended last, so the
# cases above keep their random draws)


def randomised(module):
    """A layer whose weights (and running statistics) are random, so ones and zeros hide nothing."""
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-1.5, 1.5)
        for name, b in module.named_buffers():
            if name == "running_mean":
                b.uniform_(-1, 1)
            elif name == "running_var":
                b.uniform_(0.5, 2)
    return module


def seeded(make):
    """The same random weights every time make() is called: layer_case builds the module three times."""
    def build():
        torch.manual_seed(99)
        return randomised(make())
    return build


x_img = torch.randn(2, 2, 5, 6, dtype=torch.float64)
layer_case("conv2d", seeded(lambda: nn.Conv2d(2, 3, 3)), x_img)
layer_case("conv2d_stride2_pad1", seeded(lambda: nn.Conv2d(2, 4, 3, stride=2, padding=1)), x_img)
layer_case("conv2d_dilated", seeded(lambda: nn.Conv2d(2, 2, (2, 3), dilation=2, padding=(1, 2))), x_img)
layer_case("conv2d_groups", seeded(lambda: nn.Conv2d(4, 6, 3, groups=2, bias=False)),
           torch.randn(2, 4, 5, 5, dtype=torch.float64))
layer_case("conv2d_1x1", seeded(lambda: nn.Conv2d(2, 3, 1)), x_img)
layer_case("conv2d_large_kernel", seeded(lambda: nn.Conv2d(1, 2, 5, stride=2, padding=2)),
           torch.randn(2, 1, 7, 9, dtype=torch.float64))
layer_case("conv2d_nonsquare", seeded(lambda: nn.Conv2d(2, 2, (3, 1), stride=(1, 2), padding=(0, 1))), x_img)
x_pool = torch.randn(2, 3, 7, 6, dtype=torch.float64)
layer_case("maxpool2d", lambda: nn.MaxPool2d(2), x_pool)
layer_case("maxpool2d_s2_p1", lambda: nn.MaxPool2d(3, stride=2, padding=1), x_pool)
layer_case("maxpool2d_dilated", lambda: nn.MaxPool2d(2, stride=1, dilation=2), x_pool)
layer_case("avgpool2d", lambda: nn.AvgPool2d(2), x_pool)
layer_case("avgpool2d_s2_p1", lambda: nn.AvgPool2d(3, stride=2, padding=1), x_pool)
layer_case("avgpool2d_exclude_pad", lambda: nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False), x_pool)
layer_case("adaptiveavgpool2d_2x4", lambda: nn.AdaptiveAvgPool2d((2, 4)), x_pool)
layer_case("adaptiveavgpool2d_1", lambda: nn.AdaptiveAvgPool2d(1), x_pool)
layer_case("batchnorm2d_train", seeded(lambda: nn.BatchNorm2d(3)), x_pool * 2 + 1)
layer_case("batchnorm2d_eval", seeded(lambda: nn.BatchNorm2d(3).eval()), x_pool * 2 + 1)
layer_case("batchnorm1d_train", seeded(lambda: nn.BatchNorm1d(3)), x43 * 3 - 1)
layer_case("batchnorm1d_eval", seeded(lambda: nn.BatchNorm1d(3).eval()), x43 * 3 - 1)
layer_case("batchnorm1d_3d_train", seeded(lambda: nn.BatchNorm1d(2, momentum=0.3)), torch.randn(3, 2, 4, dtype=torch.float64))
layer_case("layernorm", seeded(lambda: nn.LayerNorm(3)), x43 * 2 + 0.5)
layer_case("layernorm_2d", seeded(lambda: nn.LayerNorm((2, 3))), torch.randn(2, 2, 3, dtype=torch.float64))
layer_case("unflatten", lambda: nn.Unflatten(1, (2, 2, 3)), torch.randn(2, 12, dtype=torch.float64))
layer_case("lenet_block", seeded(lambda: nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                                        nn.Flatten(), nn.Linear(2 * 3 * 4, 3))),
           torch.randn(2, 1, 6, 8, dtype=torch.float64))

print("# Golden values for Myelin's nn module from PyTorch " + torch.__version__
      + "; regenerate with make_nn_golden.py (see its header).")
print("\n".join(LINES))
