#!/usr/bin/python3
"""Second derivatives from PyTorch for SecondDerivativeTest (module autograd).

Regenerate with Debian's interpreter (torch 1.13 and numpy; another python3 on PATH may lack them):

    cd autograd/src/test/resources/golden
    /usr/bin/python3 make_second_order.py > second_order.txt

For each case, in float64: inputs x_i (leaves that require grad), weights w of the output's shape
and directions v_i of the inputs' shapes, all from torch.manual_seed(case index). Then

    L   = sum(f(x) * w)
    g_i = dL/dx_i                      (autograd.grad with create_graph=True)
    h_i = d/dx_i sum_j sum(g_j * v_j)  (the Hessian of L times v)

and the file holds x, w, v, g and h. Format, one tensor per line:

    <case>.<role>.<index> <shape> <values...>

role is in | w | v | grad | hess; shape is sizes joined by ',' or 'scalar'; values are Python reprs
of the doubles (shortest round trip). The Java test mirrors each function below by name.
"""

import torch
import torch.nn.functional as F

torch.set_num_threads(1)

T = torch.float64


def pos(s):
    """A positive input, away from 0 where log, sqrt and 1/x are steep."""
    return ("pos", s)


def any_(s):
    return ("any", s)


# name -> (function of the inputs, input specs)
CASES = [
    ("sigmoid", lambda x: torch.sigmoid(x), [any_((3, 4))]),
    ("tanh", lambda x: torch.tanh(x), [any_((3, 4))]),
    ("exp", lambda x: torch.exp(x), [any_((2, 5))]),
    ("log", lambda x: torch.log(x), [pos((2, 5))]),
    ("log1p", lambda x: torch.log1p(x), [pos((2, 5))]),
    ("sqrt", lambda x: torch.sqrt(x), [pos((2, 5))]),
    ("reciprocal", lambda x: torch.reciprocal(x), [pos((2, 5))]),
    ("square", lambda x: torch.square(x), [any_((4,))]),
    ("softplus", lambda x: F.softplus(x), [any_((3, 4))]),
    ("pow_scalar", lambda x: x ** 3, [any_((3, 4))]),
    ("pow", lambda a, b: a ** b, [pos((2, 3)), any_((3,))]),
    ("mul", lambda a, b: a * b * a, [any_((2, 3)), any_((2, 1))]),
    ("div", lambda a, b: a / b, [any_((2, 3)), pos((3,))]),
    ("matmul", lambda a, b: (a @ b) * (a @ b), [any_((3, 4)), any_((4, 2))]),
    ("linear", lambda x, w, b: torch.tanh(F.linear(x, w, b)), [any_((5, 3)), any_((4, 3)), any_((4,))]),
    ("softmax", lambda x: torch.softmax(x, 1), [any_((3, 5))]),
    ("log_softmax", lambda x: torch.log_softmax(x, 0), [any_((4, 3))]),
    ("logsumexp", lambda x: torch.logsumexp(x, -1), [any_((3, 5))]),
    ("cross_entropy", lambda x: F.cross_entropy(x, torch.tensor([2, 0, 3])), [any_((3, 4))]),
    ("mean_sum", lambda x: x.sum(0) * x.mean(1, keepdim=True), [any_((3, 4))]),
    ("max", lambda x: x.max(1).values ** 2, [any_((3, 4))]),
    ("gather", lambda x: x.gather(1, torch.tensor([[2, 0], [1, 1]])) ** 2, [any_((2, 3))]),
    ("slice_cat", lambda x: torch.cat([x[:, 1:3] ** 2, torch.exp(x[:, :1])], 1), [any_((2, 4))]),
    ("where_leaky", lambda x: torch.where(x > 0, x ** 2, F.leaky_relu(x, 0.1) * x), [any_((3, 3))]),
    ("clamp", lambda x: x.clamp(-0.5, 0.5) * x, [any_((3, 3))]),
]


def make(kind, shape):
    x = torch.randn(*shape, dtype=T)
    return x.abs() + 0.5 if kind == "pos" else x


def fmt(name, t):
    shape = "scalar" if t.dim() == 0 else ",".join(str(d) for d in t.shape)
    values = " ".join(repr(float(v)) for v in t.reshape(-1).tolist())
    return f"{name} {shape} {values}"


def main():
    print("# second derivatives from PyTorch " + torch.__version__ + "; see make_second_order.py")
    for index, (name, f, specs) in enumerate(CASES):
        torch.manual_seed(index)
        xs = [make(kind, shape).requires_grad_(True) for kind, shape in specs]
        y = f(*xs)
        w = torch.rand(y.shape, dtype=T) + 0.5
        vs = [torch.randn(x.shape, dtype=T) for x in xs]
        loss = (y * w).sum()
        gs = torch.autograd.grad(loss, xs, create_graph=True)
        inner = sum((g * v).sum() for g, v in zip(gs, vs))
        hs = torch.autograd.grad(inner, xs, allow_unused=True)
        for i, x in enumerate(xs):
            print(fmt(f"{name}.in.{i}", x.detach()))
            print(fmt(f"{name}.v.{i}", vs[i]))
            print(fmt(f"{name}.grad.{i}", gs[i].detach()))
            h = hs[i] if hs[i] is not None else torch.zeros_like(x)
            print(fmt(f"{name}.hess.{i}", h))
        print(fmt(f"{name}.w.0", w))


if __name__ == "__main__":
    main()
