#!/usr/bin/python3
"""Myelin's benchmark workloads in PyTorch and numpy, for bench/compare.sh.

Usage: /usr/bin/python3 bench/reference_workloads.py THREADS [--quick]

Run it under Debian's system interpreter with the thread counts fixed in the environment
(OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, MKL_NUM_THREADS = THREADS; OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE unset), as compare.sh does: OpenBLAS reads them once, at load time.
torch.set_num_threads(THREADS) is set here too. Prints one JSON object per line:
{"lib": "torch", "workload": "sgemm:512", "threads": 1, "seconds": 0.0027}, the best of several
repeats of the mean time per call, like JMH's average-time mode over a short run.
"""
import json
import sys
import timeit

import numpy as np
import torch

SGEMM = (256, 512, 1024, 2048)
MLP = [f"{kind}:{b}:{h}" for kind in ("fwd", "dw") for b in (10, 128, 256) for h in (30, 256)]


def per_call(fn, budget=0.4, repeat=5):
    fn()
    t = timeit.timeit(fn, number=1)
    number = max(1, int(budget / max(t, 1e-7) / repeat))
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def emit(lib, workload, threads, seconds):
    print(json.dumps({"lib": lib, "workload": workload, "threads": threads, "seconds": seconds}), flush=True)


def mlp_operands(shape, rng, lib):
    kind, b, h = shape.split(":")
    b, h = int(b), int(h)
    x = rng.random((b, 784), dtype=np.float32)
    if kind == "fwd":
        left, right = x, rng.standard_normal((h, 784), dtype=np.float32).T
    else:
        left, right = rng.standard_normal((b, h), dtype=np.float32).T, x
    if lib == "torch":
        return torch.from_numpy(left), torch.from_numpy(right)  # the same transposed views, no copies
    return left, right


def gemms(threads, budget):
    rng = np.random.default_rng(1)
    for n in SGEMM:
        a = rng.standard_normal((n, n), dtype=np.float32)
        b = rng.standard_normal((n, n), dtype=np.float32)
        ta, tb = torch.from_numpy(a), torch.from_numpy(b)
        emit("torch", f"sgemm:{n}", threads, per_call(lambda: torch.mm(ta, tb), budget))
        emit("numpy", f"sgemm:{n}", threads, per_call(lambda: a @ b, budget))
    for shape in MLP:
        l, r = mlp_operands(shape, rng, "torch")
        emit("torch", f"mlp:{shape}", threads, per_call(lambda: torch.mm(l, r), budget))
        l, r = mlp_operands(shape, rng, "numpy")
        emit("numpy", f"mlp:{shape}", threads, per_call(lambda: l @ r, budget))


def overhead(threads, budget):
    leaf = torch.ones(1, requires_grad=True)
    other = torch.ones(1)
    emit("torch", "tiny_op", threads, per_call(lambda: leaf * other, budget))

    def smallest_backward():
        leaf.grad = None
        (leaf * 2).sum().backward()

    emit("torch", "smallest_backward", threads, per_call(smallest_backward, budget))


def training_steps(threads, budget):
    """One step on random MNIST-shaped batches cycled from 32, as TrainingStepBenchmark does."""
    for name, sizes, act, batch, opt_args in (
            ("small", [784, 30, 10], torch.nn.Sigmoid, 10, dict(lr=0.5)),
            ("wide", [784, 256, 256, 10], torch.nn.ReLU, 128, dict(lr=0.05, momentum=0.9))):
        torch.manual_seed(42)
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(act())
        model = torch.nn.Sequential(*layers)
        opt = torch.optim.SGD(model.parameters(), **opt_args)
        loss_fn = torch.nn.CrossEntropyLoss()
        xs = [torch.rand(batch, 784) for _ in range(32)]
        ys = [torch.randint(0, 10, (batch,)) for _ in range(32)]
        state = [0]

        def step():
            i = state[0] & 31
            state[0] += 1
            loss = loss_fn(model(xs[i]), ys[i])
            opt.zero_grad()
            loss.backward()
            opt.step()

        emit("torch", f"step:{name}", threads, per_call(step, budget * 2))


def data_batches(threads, budget):
    """One shuffled batch from a 60,000 x 784 TensorDataset, as DataLoaderBenchmark takes it."""
    from torch.utils.data import DataLoader, TensorDataset
    torch.manual_seed(3)
    dataset = TensorDataset(torch.rand(60000, 784), torch.arange(60000) % 10)
    for batch in (10, 128):
        loader = DataLoader(dataset, batch_size=batch, shuffle=True)
        state = [iter(loader)]

        def next_batch():
            try:
                return next(state[0])
            except StopIteration:
                state[0] = iter(loader)
                return next(state[0])

        emit("torch", f"batch:{batch}", threads, per_call(next_batch, budget))


def main():
    threads = int(sys.argv[1])
    budget = 0.15 if "--quick" in sys.argv else 0.4
    torch.set_num_threads(threads)
    if threads == 1:
        overhead(threads, budget)
    gemms(threads, budget)
    training_steps(threads, budget)
    data_batches(threads, budget)


if __name__ == "__main__":
    main()
