#!/usr/bin/python3
"""Loads a LeNet-5 that `myelin train --model lenet5 --save FILE` wrote into the same network written
in PyTorch, and prints how many MNIST (or Fashion-MNIST) test images it classifies correctly.

    /usr/bin/python3 lenet5_accuracy.py FILE.safetensors DATASET_FOLDER

The folder holds t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, plain or gzipped. The
safetensors file is read here (8-byte header length, JSON header, raw little-endian data), so the
script needs nothing but torch. It prints one line: `correct N of M`.
"""
import gzip
import json
import os
import struct
import sys

import torch
from torch import nn


def lenet5():
    # The preset's layers, in the same order, so the state-dict keys (1.weight, 4.weight, ...) match.
    return nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(),
                         nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    header.pop("__metadata__", None)
    body = data[8 + length:]
    types = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64}
    state = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        t = torch.frombuffer(bytearray(body[start:end]), dtype=types[entry["dtype"]])
        state[name] = t.reshape(entry["shape"])
    return state


def read_idx(folder, name):
    path = os.path.join(folder, name)
    opener = open
    if not os.path.exists(path):
        path, opener = path + ".gz", gzip.open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def main():
    weights, folder = sys.argv[1], sys.argv[2]
    net = lenet5()
    net.load_state_dict(read_safetensors(weights))
    net.eval()
    images = read_idx(folder, "t10k-images-idx3-ubyte").reshape(-1, 784).float() / 255
    labels = read_idx(folder, "t10k-labels-idx1-ubyte").long()
    with torch.no_grad():
        predicted = net(images).argmax(1)
    print("correct %d of %d" % ((predicted == labels).sum().item(), len(labels)))


if __name__ == "__main__":
    main()
