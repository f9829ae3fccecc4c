#!/usr/bin/python3
"""Golden values from PyTorch 1.13 for Myelin's optim tests (OptimizerGoldenTest, GradClipGoldenTest,
ScheduleGoldenTest).

Regenerate, from the repository root, with Debian's Python (it has torch 1.13):

    /usr/bin/python3 optim/src/test/resources/golden/make_optim_golden.py \
        > optim/src/test/resources/golden/optim_golden.txt

Every array is one line: `<name> [<shape>] <values, row-major, 17 significant digits>`, so a double
round-trips exactly. The problem (inputs, target, initial parameters) is written to the file too,
so the Java side reads it rather than re-deriving it. Optimizer steps are named
`<case>.<step>.<param>`; the Java test builds each case with the same settings (see CASES below).

The loss, identical in Myelin: loss = mean((x @ W + b - target)^2), with W [3,4] and b [4].
"""
import math

import torch

torch.set_default_dtype(torch.float64)


def emit(name, t):
    t = torch.as_tensor(t, dtype=torch.float64).detach()
    shape = ",".join(str(s) for s in t.shape)
    values = " ".join("%.17g" % v for v in t.reshape(-1).tolist())
    print("%s [%s] %s" % (name, shape, values))


def ramp(n, mult, mod, offset, scale):
    # Irregular but exact-ish decimals, so no element's gradient sits near zero by accident.
    return torch.tensor([((i * mult + offset) % mod - mod // 2) * scale for i in range(n)])


X = ramp(6, 5, 7, 2, 0.25).reshape(2, 3) + 0.1
TARGET = ramp(8, 3, 5, 1, 0.4).reshape(2, 4) - 0.05
W0 = ramp(12, 7, 11, 3, 0.1).reshape(3, 4) + 0.03
B0 = ramp(4, 2, 5, 1, 0.2) - 0.07


def loss_of(w, b):
    return ((X @ w + b - TARGET) ** 2).mean()


STEPS = 5
# name -> optimizer factory; the Java test must build the same cases with the same settings.
CASES = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    "sgd_weight_decay": lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=5e-4),
    "sgd_momentum_dampening_weight_decay":
        lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=5e-4),
    "adam": lambda p: torch.optim.Adam(p, lr=0.01),
    "adam_weight_decay":
        lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
    "adam_amsgrad": lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.9, 0.5), amsgrad=True),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.01),
    "adamw_weight_decay": lambda p: torch.optim.AdamW(p, lr=0.01, betas=(0.85, 0.995), weight_decay=0.1),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "rmsprop_momentum": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9),
    "rmsprop_centered": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, centered=True),
    "rmsprop_centered_momentum_weight_decay":
        lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True, momentum=0.5, weight_decay=0.01),
}


def optimizer_cases():
    for name, make in CASES.items():
        w = W0.clone().requires_grad_(True)
        b = B0.clone().requires_grad_(True)
        opt = make([w, b])
        for step in range(1, STEPS + 1):
            opt.zero_grad()
            loss_of(w, b).backward()
            opt.step()
            emit("%s.%d.W" % (name, step), w)
            emit("%s.%d.b" % (name, step), b)
        if name == "adam_amsgrad":
            # The case only tests something if the running maximum differs from the average.
            st = opt.state[w]
            assert not torch.equal(st["max_exp_avg_sq"], st["exp_avg_sq"]), "amsgrad max never engaged"


def clip_cases():
    for name, max_norm in (("clip_norm_scaled", 0.5), ("clip_norm_unchanged", 100.0)):
        w = W0.clone().requires_grad_(True)
        b = B0.clone().requires_grad_(True)
        loss_of(w, b).backward()
        total = torch.nn.utils.clip_grad_norm_([w, b], max_norm)
        emit(name + ".maxNorm", max_norm)
        emit(name + ".total", total)
        emit(name + ".W", w.grad)
        emit(name + ".b", b.grad)
    w = W0.clone().requires_grad_(True)
    b = B0.clone().requires_grad_(True)
    loss_of(w, b).backward()
    torch.nn.utils.clip_grad_value_([w, b], 0.1)
    emit("clip_value.clip", 0.1)
    emit("clip_value.W", w.grad)
    emit("clip_value.b", b.grad)


def schedule_cases():
    # lrs[0] is the rate right after the scheduler is built; lrs[k] the rate after k step() calls.
    def run(name, make, steps=12):
        p = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([p], lr=0.1)
        sched = make(opt)
        lrs = [sched.get_last_lr()[0]]
        for _ in range(steps):
            opt.step()
            sched.step()
            lrs.append(sched.get_last_lr()[0])
        emit(name, lrs)

    run("steplr.3.0.5", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5))
    run("cosine.5.0.001", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=5, eta_min=0.001))
    run("cosine.4.0", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=4, eta_min=0.0))
    run("linear.0.1.1.4", lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=4))


if __name__ == "__main__":
    print("# Generated by make_optim_golden.py with torch %s; do not edit by hand." % torch.__version__)
    print("# Format: <name> [<shape>] <values, row-major>. Regenerate as the script's docstring says.")
    emit("problem.x", X)
    emit("problem.target", TARGET)
    emit("init.W", W0)
    emit("init.b", B0)
    emit("init.loss", loss_of(W0, B0))
    optimizer_cases()
    clip_cases()
    schedule_cases()
