#!/usr/bin/python3
"""The same workloads as Myelin's JMH benchmarks, in PyTorch (Debian's python3-torch) on this machine.

Run with the system interpreter:  /usr/bin/python3 bench/pytorch_reference.py
Prints one line per workload: name, threads, time, and GFLOPS where it applies. Each thread count
runs in a fresh process with OMP/OpenBLAS/MKL thread counts fixed in its environment, because
OpenBLAS reads them once at load time. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset there, as
this machine's notes advise for benchmarking. torch.mm goes to whatever BLAS the system's
alternatives select (libopenblas0-pthread when installed; Debian's reference BLAS otherwise, which
is about 15x slower).
"""
import os
import subprocess
import sys
import timeit

import torch


def per_call(stmt, number, repeat=5):
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number


def overhead():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    leaf = torch.ones(1, requires_grad=True)
    other = torch.ones(1)
    tiny = per_call(lambda: leaf * other, 20000)
    print(f"tiny op with graph recording      threads=1  {tiny * 1e6:8.2f} us")

    def smallest_backward():
        leaf.grad = None
        (leaf * 2).sum().backward()

    back = per_call(smallest_backward, 5000)
    print(f"smallest backward                 threads=1  {back * 1e6:8.2f} us")


def sgemm(threads):
    torch.set_num_threads(threads)
    for n in (512, 1024):
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        torch.mm(a, b)
        t = per_call(lambda: torch.mm(a, b), 10 if n == 512 else 3)
        print(f"sgemm n={n:<5d}                    threads={threads}  {t * 1e3:8.3f} ms  {2 * n ** 3 / t / 1e9:6.1f} GFLOPS")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--sgemm-threads":
        sgemm(int(sys.argv[2]))
        return
    overhead()
    for threads in (1, 2):
        env = dict(os.environ)
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(threads)
        subprocess.run([sys.executable, __file__, "--sgemm-threads", str(threads)], env=env, check=True)


if __name__ == "__main__":
    main()
