#!/usr/bin/python3
"""The CLI's two training workloads in PyTorch (Debian's python3-torch 1.13), for side-by-side timing.

Usage: /usr/bin/python3 bench/pytorch_train.py [DATA_DIR] [THREADS] [lenet5]
With lenet5, it times LeNet-5 instead (Adam, lr 0.002, batch 64), as TrainEpochs lenet5 does.
Reads MNIST's IDX files from DATA_DIR/mnist (default ~/.cache/myelin/datasets) and prints, per
configuration, seconds per epoch (training only) and the test accuracy after one epoch. Batches
come from torch.utils.data.DataLoader over a TensorDataset, as a PyTorch user would write it.
"""
import os
import sys
import time

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset


def idx(path):
    data = open(path, "rb").read()
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * data[3])


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/myelin/datasets")
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    torch.set_num_threads(threads)
    mnist = os.path.join(root, "mnist")
    xtr = torch.tensor(idx(os.path.join(mnist, "train-images-idx3-ubyte")).reshape(-1, 784) / 255.0, dtype=torch.float32)
    ytr = torch.tensor(idx(os.path.join(mnist, "train-labels-idx1-ubyte")).astype(np.int64))
    xte = torch.tensor(idx(os.path.join(mnist, "t10k-images-idx3-ubyte")).reshape(-1, 784) / 255.0, dtype=torch.float32)
    yte = torch.tensor(idx(os.path.join(mnist, "t10k-labels-idx1-ubyte")).astype(np.int64))
    configs = [
        ("784-30-10 sigmoid, batch 10, SGD lr 0.5", [784, 30, 10], torch.nn.Sigmoid, 10, dict(lr=0.5)),
        ("784-256-256-10 relu, batch 128, SGD lr 0.05 momentum 0.9", [784, 256, 256, 10], torch.nn.ReLU, 128,
         dict(lr=0.05, momentum=0.9)),
    ]
    if len(sys.argv) > 3 and sys.argv[3] == "lenet5":
        torch.manual_seed(42)
        nn = torch.nn
        model = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120),
                              nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
        epoch(model, torch.optim.Adam(model.parameters(), 0.002), 64, "lenet5, batch 64, Adam lr 0.002", threads,
              xtr, ytr, xte, yte)
        return
    for name, sizes, act, batch, opt_args in configs:
        torch.manual_seed(42)
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(act())
        model = torch.nn.Sequential(*layers)
        epoch(model, torch.optim.SGD(model.parameters(), **opt_args), batch, name, threads, xtr, ytr, xte, yte)


def epoch(model, opt, batch, name, threads, xtr, ytr, xte, yte):
    """Times one epoch of training only, then prints it with the test accuracy."""
    loss_fn = torch.nn.CrossEntropyLoss()
    loader = DataLoader(TensorDataset(xtr, ytr), batch_size=batch, shuffle=True)
    start = time.time()
    for x, y in loader:
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    seconds = time.time() - start
    with torch.no_grad():
        accuracy = (model(xte).argmax(1) == yte).float().mean().item() * 100
    print(f"pytorch threads={threads}  {name}: {seconds:.2f} s/epoch, accuracy after 1 epoch {accuracy:.2f}%", flush=True)


if __name__ == "__main__":
    main()
