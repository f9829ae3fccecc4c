#!/usr/bin/env python3
"""The data-parallel step-time model of docs/distributed.md, fitted to bench/distributed.sh's figures.

Ring all-reduce of S bytes on N workers: t(N, S) = 2(N-1)*alpha + 2(N-1)/N * S / B, where alpha is
the per-message cost (software and link latency) and B the link bandwidth. alpha and B are fitted by
least squares on relative error to the loopback TCP all-reduces of 2 ranks measured here (TCP, as between
machines, not the shared memory of ranks on one host): 3 and 4 ranks
on this 2-core machine measure the cores' oversubscription, not the ring, so they are printed but
left out of the fit. A step with a fixed batch per worker (weak
scaling) then takes T(N) = C + max(0, t(N, S) - overlap), where C is one worker's compute and
backward overlaps every bucket's reduction but the last (DDP's buckets, 25 MB, last layer first; each
bucket is an all-reduce of its own, paying its own alpha): with k buckets,
comm = (k - 1) t(N, 25 MB) + t(N, last), overlap = min(comm - t(N, last), 2/3 C). One more term, d * S, is what the ring's
formula leaves out: DDP's copies of each gradient into and out of its bucket and its thread's
hand-offs; d is fitted so that the model gives the 2-rank step measured
here over loopback TCP, above the compute of two processes running at once without talking (this
machine's two ranks share its two cores), and it does not grow with N. The efficiency is C / T(N),
with C the compute of one process alone, as on machines with cores of their own.

For 10 and 100 Gb/s links, B is the link's rate and alpha the fitted one (on loopback it is mostly
software, which a network only adds to). The 25-million-parameter model's C is the wide network's
scaled by the parameter count (a dense network's FLOPs grow with its weights at a fixed batch).

Usage: python3 bench/scaling_model.py bench/target/distributed/allreduce.txt bench/target/distributed/step.txt
"""
import math
import re
import sys

import numpy as np

BUCKET = 25 * 2**20
WIDE_PARAMS = 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10


def fields(line):
    return {k: v for k, v in re.findall(r"(\w+)=([^\s]+)", line)}


def main(allreduce_file, step_file):
    # Over TCP, as between machines: the network's transport, whose per-message cost alpha the model needs.
    rows = [fields(l) for l in open(allreduce_file)
            if l.startswith("allreduce") and fields(l)["world"] == "2" and fields(l).get("transport", "tcp") == "tcp"]
    memcpy = [fields(l) for l in open(allreduce_file) if l.startswith("memcpy")]
    n = np.array([float(r["world"]) for r in rows])
    s = np.array([float(r["bytes"]) for r in rows])
    t = np.array([float(r["seconds"]) for r in rows])
    # t = alpha * 2(N-1) + (1/B) * 2(N-1)/N * S, linear in (alpha, 1/B).
    design = np.column_stack([2 * (n - 1), 2 * (n - 1) / n * s])
    (alpha, inv_b), *_ = np.linalg.lstsq(design / t[:, None], np.ones_like(t), rcond=None)
    if alpha < 1e-6:
        # A negative latency is noise: fix it at 1 us and fit the bandwidth alone.
        alpha = 1e-6
        inv_b = float(np.linalg.lstsq((design[:, 1] / t)[:, None], 1 - design[:, 0] * alpha / t, rcond=None)[0][0])
    loopback_b = 1 / inv_b
    predicted = design @ np.array([alpha, inv_b])
    print(f"fit over {len(rows)} loopback TCP all-reduces of 2 ranks: alpha = {alpha * 1e6:.0f} us per message, "
          f"B = {loopback_b / 1e9:.2f} GB/s (median relative error {np.median(np.abs(predicted - t) / t) * 100:.0f} %)")
    if memcpy:
        print(f"memory copy on one core: {float(memcpy[0]['gbps']):.2f} GB/s")

    steps = [fields(l) for l in open(step_file) if l.startswith("step")]
    one = next(r for r in steps if r["ranks"] == "1" and r["threads"] == "1" and r["batch_per_rank"] == "64")
    two = next(r for r in steps if r["ranks"] == "2" and r.get("link") == "tcp")
    alone = next(r for r in steps if r["ranks"] == "2" and r.get("link") == "alone")
    compute = float(one["ms"]) / 1e3
    # On this machine two ranks share two cores, which slows each one's compute: d is fitted above that.
    contended = float(alone["ms"]) / 1e3
    grad_bytes = 4 * WIDE_PARAMS

    def ring(workers, size, bandwidth):
        return 2 * (workers - 1) * alpha + 2 * (workers - 1) / workers * size / bandwidth

    def step_time(workers, c, size, bandwidth, per_byte):
        # One all-reduce per bucket, each paying its own messages' alpha; backward hides all but the last.
        buckets = math.ceil(size / BUCKET)
        last_size = size - (buckets - 1) * BUCKET
        comm = (buckets - 1) * ring(workers, BUCKET, bandwidth) + ring(workers, last_size, bandwidth)
        last = ring(workers, last_size, bandwidth)
        overlap = min(comm - last, 2 / 3 * c)
        return c + per_byte * size + max(0.0, comm - overlap)

    ring_only = step_time(2, contended, grad_bytes, loopback_b, 0.0)
    measured_two = float(two["ms"]) / 1e3
    per_byte = max(0.0, measured_two - ring_only) / grad_bytes
    print(f"wide network (784-256-256-10, {WIDE_PARAMS:,} parameters, {grad_bytes / 2**20:.2f} MB of gradients), "
          f"batch 64 per worker: compute C = {compute * 1e3:.2f} ms alone, {contended * 1e3:.2f} ms with two at once; "
          f"2 ranks over loopback TCP measured {measured_two * 1e3:.2f} ms, the ring's terms give "
          f"{ring_only * 1e3:.2f} ms, so d = {per_byte * 1e9:.2f} ns per gradient byte "
          f"({per_byte * grad_bytes * 1e3:.2f} ms a step)")

    big_compute = compute * 25e6 / WIDE_PARAMS
    for title, d in (("as measured, with d", per_byte), ("the ring alone (d = 0: DDP's copies made free)", 0.0)):
        print()
        print(f"predicted scaling efficiency C / T(N), batch 64 per worker, {title}")
        print("| workers | wide, 10 Gb/s | wide, 100 Gb/s | 25M params, 10 Gb/s | 25M params, 100 Gb/s |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for workers in (2, 4, 8, 16, 32, 64):
            cells = []
            for c, size in ((compute, grad_bytes), (big_compute, 4 * 25e6)):
                for gbit in (10, 100):
                    bandwidth = gbit * 1e9 / 8
                    cells.append(f"{compute_efficiency(step_time(workers, c, size, bandwidth, d), c):.0f} %")
            print(f"| {workers} | " + " | ".join(cells) + " |")


def compute_efficiency(total, c):
    return 100 * c / total


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
