#!/usr/bin/python3
"""The convolution workloads of ConvBenchmark in PyTorch, for bench/compare.sh.

Usage: /usr/bin/python3 bench/conv_workloads.py THREADS [--quick]

Each workload is one forward and backward of a convolution layer on random input, with a fixed
upstream gradient, the weight's and input's gradients computed, as ConvBenchmark times it:
  conv:lenet1     batch 64, 1 -> 6 channels, 5x5, padding 2, 28x28 (LeNet-5's first layer)
  conv:lenet2     batch 64, 6 -> 16 channels, 5x5, 14x14 (its second)
  conv:3x3x64     batch 32, 64 -> 64 channels, 3x3, padding 1, 32x32
  step:lenet5     one LeNet-5 training step, batch 64, Adam (lr 0.002)
Prints one JSON object per line, as reference_workloads.py does.
"""
import sys

import torch
from torch import nn

from reference_workloads import per_call, emit

CONVS = {
    "conv:lenet1": (64, 1, 6, 5, 2, 28),
    "conv:lenet2": (64, 6, 16, 5, 0, 14),
    "conv:3x3x64": (32, 64, 64, 3, 1, 32),
}


def lenet5():
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                         nn.Linear(84, 10))


def main():
    threads = int(sys.argv[1])
    budget = 0.15 if "--quick" in sys.argv else 0.4
    torch.set_num_threads(threads)
    torch.manual_seed(5)
    for name, (batch, cin, cout, k, pad, size) in CONVS.items():
        conv = nn.Conv2d(cin, cout, k, padding=pad)
        x = torch.rand(batch, cin, size, size, requires_grad=True)
        g = torch.randn(conv(x).shape)

        def step():
            x.grad = None
            conv.zero_grad()
            conv(x).backward(g)

        emit("torch", name, threads, per_call(step, budget))
    model = lenet5()
    opt = torch.optim.Adam(model.parameters(), 0.002)
    loss_fn = nn.CrossEntropyLoss()
    xs = [torch.rand(64, 1, 28, 28) for _ in range(32)]
    ys = [torch.randint(0, 10, (64,)) for _ in range(32)]
    state = [0]

    def train_step():
        i = state[0] & 31
        state[0] += 1
        loss = loss_fn(model(xs[i]), ys[i])
        opt.zero_grad()
        loss.backward()
        opt.step()

    emit("torch", "step:lenet5", threads, per_call(train_step, budget * 2))


if __name__ == "__main__":
    main()
