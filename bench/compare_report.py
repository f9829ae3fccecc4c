#!/usr/bin/python3
"""Prints bench/compare.sh's table from the results it left in one folder.

Usage: /usr/bin/python3 bench/compare_report.py RESULTS_DIR

Reads JMH's JSON results (jmh-*.json), reference_workloads.py's JSON lines (py-*.jsonl), and the
epoch lines of TrainEpochs (epochs-myelin-*.txt) and pytorch_train.py (epochs-torch-*.txt).
Each row gives the times, the ratio Myelin / reference (below 1.00 is faster than the reference),
GFLOPS where it applies, and the issue's target for the row, met or missed.
"""
import glob
import json
import os
import re
import sys


def load_jmh(folder):
    """{(workload, threads): (seconds, alloc_bytes_per_op or None)}"""
    out = {}
    for path in sorted(glob.glob(os.path.join(folder, "jmh-*.json"))):
        threads = int(re.search(r"-t(\d+)", path).group(1))
        with open(path) as f:
            text = f.read().strip()
        if not text:
            continue
        for r in json.loads(text):
            name = r["benchmark"].rsplit(".", 2)[-2:]
            params = r.get("params", {})
            score = r["primaryMetric"]["score"]
            unit = r["primaryMetric"]["scoreUnit"]
            scale = {"s/op": 1, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}[unit]
            seconds = score * scale
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            cls, method = name
            if cls == "SgemmBenchmark":
                key = f"sgemm:{params['n']}"
            elif cls == "MlpGemmBenchmark":
                key = f"mlp:{params['shape']}"
            elif cls == "AutogradOverheadBenchmark":
                key = {"tinyOpWithGraphRecording": "tiny_op", "smallestBackward": "smallest_backward"}[method]
            elif cls == "DataLoaderBenchmark":
                key = f"batch:{params['batch']}"
            elif cls == "ConvBenchmark":
                key = f"conv:{params['layer']}" if method == "forwardBackward" else "step:lenet5"
            elif cls == "TrainingStepBenchmark":
                key = {"smallSigmoidBatch10": "step:small", "wideReluBatch128": "step:wide"}[method]
            else:
                continue
            out[(key, threads)] = (seconds, alloc)
    return out


def load_py(folder):
    out = {}
    for path in sorted(glob.glob(os.path.join(folder, "py-*.jsonl"))):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    r = json.loads(line)
                    out[(r["lib"], r["workload"], r["threads"])] = r["seconds"]
    return out


def load_epochs(folder):
    """Myelin: {(config, threads): [seconds per epoch]}; torch: {(config, 'torch T / BLAS B'): seconds}."""
    myelin, torch = {}, {}
    for path in sorted(glob.glob(os.path.join(folder, "epochs-myelin-t*.txt"))):
        threads = int(re.search(r"-t(\d+)", path).group(1))
        for line in open(path):
            m = re.match(r"epoch config=(\w+) epoch=(\d+) seconds=([\d.]+)", line)
            if m:
                myelin.setdefault((m.group(1), threads), []).append(float(m.group(3)))
    for path in sorted(glob.glob(os.path.join(folder, "epochs-torch-*.txt"))):
        m = re.search(r"epochs-torch-(\d+)-(\d+)", path)
        mix = f"torch {m.group(1)} / BLAS {m.group(2)}"
        for line in open(path):
            c = re.search(r"(784-30-10|784-256-256-10|lenet5).*: ([\d.]+) s/epoch", line)
            if c:
                config = {"784-30-10": "small", "784-256-256-10": "wide", "lenet5": "lenet5"}[c.group(1)]
                torch[(config, mix)] = float(c.group(2))
    return myelin, torch


def fmt_time(s):
    if s is None:
        return "-"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.3f} ms"
    return f"{s * 1e6:.2f} µs"


def flops(workload):
    if workload.startswith("sgemm:"):
        n = int(workload.split(":")[1])
        return 2.0 * n ** 3
    if workload.startswith("mlp:"):
        _, _, b, h = workload.split(":")
        return 2.0 * int(b) * 784 * int(h)
    return None


def main():
    folder = sys.argv[1]
    jmh = load_jmh(folder)
    py = load_py(folder)
    myelin_epochs, torch_epochs = load_epochs(folder)
    rows = []
    header = ("workload", "threads", "Myelin", "PyTorch", "numpy", "Myelin/PyTorch", "GFLOPS Myelin / OpenBLAS",
              "alloc/op", "target")

    def add(workload, threads, target_fn):
        m = jmh.get((workload, threads))
        t = py.get(("torch", workload, threads))
        n = py.get(("numpy", workload, threads))
        if m is None and t is None:
            return
        ms = m[0] if m else None
        ratio = ms / t if ms and t else None
        f = flops(workload)
        gf = f"{f / ms / 1e9:.0f} / {f / t / 1e9:.0f}" if f and ms and t else "-"
        alloc = f"{m[1] / 1024:.0f} KB" if m and m[1] is not None else "-"
        rows.append((workload, str(threads), fmt_time(ms), fmt_time(t), fmt_time(n),
                     f"{ratio:.2f}" if ratio else "-", gf, alloc, target_fn(workload, threads, ms, t, ratio)))

    def gemm_target(w, th, ms, t, ratio):
        if ratio is None:
            return "-"
        n = int(w.split(":")[1]) if w.startswith("sgemm:") else 0
        need = 1.0 if (w.startswith("sgemm:") and n >= 512) else 0.8
        if w.startswith("mlp:"):
            need = 1.0 if flops(w) >= 2 * 512 ** 3 else 0.8
        speed = 1 / ratio
        return f"≥{need:.1f}× speed: {'met' if speed >= need else 'missed'} ({speed:.2f}×)"

    for th in (1, 2):
        for n in (256, 512, 1024, 2048):
            add(f"sgemm:{n}", th, gemm_target)
    for th in (1, 2):
        for kind in ("fwd", "dw"):
            for b in (10, 128, 256):
                for h in (30, 256):
                    add(f"mlp:{kind}:{b}:{h}", th, gemm_target)

    def overhead_target(w, th, ms, t, ratio):
        limit = 0.5e-6 if w == "tiny_op" else 5e-6
        return f"≤{fmt_time(limit)}: {'met' if ms is not None and ms <= limit else 'missed'}"

    add("tiny_op", 1, overhead_target)
    add("smallest_backward", 1, overhead_target)
    for th in (1, 2):
        add("step:small", th, lambda *a: "-")
        add("step:wide", th, lambda *a: "-")
    for b in (10, 128):
        add(f"batch:{b}", 1, lambda *a: "-")

    def conv_target(w, th, ms, t, ratio):
        if ratio is None:
            return "-"
        return f"≤1.0× PyTorch's time: {'met' if ratio <= 1.0 else 'missed'} ({ratio:.2f}×)"

    for th in (1, 2):
        for layer in ("lenet1", "lenet2", "3x3x64"):
            add(f"conv:{layer}", th, conv_target)
        add("step:lenet5", th, lambda *a: "-")

    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(c.ljust(widths[i]) for i, c in enumerate(r)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))

    if myelin_epochs or torch_epochs:
        print()
        print("| MNIST epoch (training only) | Myelin 1st epoch | Myelin steady (best of the later epochs) | PyTorch by thread mix | "
              "best PyTorch | Myelin steady / best PyTorch | target |")
        print("|---|---|---|---|---|---|---|")
        for config, label, need in (("small", "784-30-10 sigmoid, batch 10, SGD", 0.2),
                                    ("wide", "784-256-256-10 ReLU, batch 128, SGD momentum", 0.6),
                                    ("lenet5", "LeNet-5, batch 64, Adam", 0.8)):
            mixes = {mix: s for (c, mix), s in torch_epochs.items() if c == config}
            best_torch = min(mixes.values()) if mixes else None
            for th in (1, 2):
                e = myelin_epochs.get((config, th))
                if not e:
                    continue
                steady = min(e[1:]) if len(e) > 1 else e[0]
                ratio = steady / best_torch if best_torch else None
                verdict = "-" if ratio is None else f"≤{need}×: {'met' if ratio <= need else 'missed'} ({ratio:.2f}×)"
                mix_text = ", ".join(f"{k}: {v:.2f} s" for k, v in sorted(mixes.items()))
                print(f"| {label}, Myelin threads={th} | {e[0]:.2f} s | {steady:.2f} s | {mix_text} | "
                      f"{'-' if best_torch is None else f'{best_torch:.2f} s'} | {'-' if ratio is None else f'{ratio:.2f}'} | {verdict} |")


if __name__ == "__main__":
    main()
