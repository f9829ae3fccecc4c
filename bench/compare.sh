#!/usr/bin/env bash
# One command for the side-by-side numbers of docs/performance.md: Myelin's workloads (JMH) and the
# same ones in PyTorch and numpy on this machine, then one table of times and ratios.
#
#   bench/compare.sh            # everything, about 10 minutes
#   bench/compare.sh --quick    # shorter JMH runs and fewer epochs, about 4 minutes (noisier)
#   bench/compare.sh --no-build # reuse bench/target/benchmarks.jar
#   bench/compare.sh --conv     # only the convolution rows and the LeNet-5 epochs, about 6 minutes
#
# Workloads: one tiny op with graph recording and the smallest backward; SGEMM n = 256..2048; the
# MLP's GEMM shapes with their real transposed operands (batch 10/128/256 x 784 x 30/256, forward
# X·Wᵀ and weight gradient Gᵀ·X); one training step of each CLI configuration (with JMH's gc
# profiler: bytes allocated per step); one shuffled data-loader batch of 10 and of 128 MNIST-sized
# rows; whole MNIST epochs of both configurations; convolution layers' forward and backward
# (LeNet-5's two, and 3x3 64 -> 64 on 32x32), a LeNet-5 training step and LeNet-5 epochs.
# Thread counts are fixed per process: Myelin with -Dmyelin.threads=N, PyTorch and numpy with
# OMP/OPENBLAS/MKL_NUM_THREADS=N in their environment (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
# unset) and torch.set_num_threads(N). PyTorch's epochs run in every mix of its own threads and
# OpenBLAS's threads, and the best mix is the reference. Results land in bench/target/compare/.
# The machine is shared and noisy: run it when nothing else runs, and more than once.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
build=1
conv_only=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --conv) conv_only=1 ;;
    *) echo "usage: bench/compare.sh [--quick] [--no-build] [--conv]" >&2; exit 2 ;;
  esac
done
JAVA_HOME="$(bash scripts/find-jdk25.sh)"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
PY=/usr/bin/python3
if ! "$PY" -c "import torch, numpy" 2>/dev/null; then
  echo "error: $PY cannot import torch and numpy; install Debian's python3-torch and python3-numpy" >&2
  exit 1
fi
out=bench/target/compare
rm -rf "$out"
mkdir -p "$out"
if [[ $build == 1 ]]; then
  echo "== building the benchmark jar" >&2
  mvn -B -q -ntp -Dstyle.color=never -DskipTests -pl bench -am install >&2
fi
jar=bench/target/benchmarks.jar
if [[ $quick == 1 ]]; then
  jmh=(-f 1 -wi 2 -w 1 -i 3 -r 1)
  epochs=3
else
  jmh=(-f 1 -wi 3 -w 1 -i 5 -r 1)
  epochs=5
fi
noblas=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)

data="${MYELIN_DATA:-$HOME/.cache/myelin/datasets}"
have_mnist=0
if bash scripts/fetch-data.sh >/dev/null 2>&1 && [[ -f "$data/mnist/train-images-idx3-ubyte" ]]; then
  have_mnist=1
fi

for t in 1 2; do
  echo "== Myelin: convolutions and a LeNet-5 step, $t thread(s)" >&2
  java -jar "$jar" 'ConvBenchmark' "${jmh[@]}" -prof gc \
    -jvmArgsAppend -Dmyelin.threads=$t -rf json -rff "$out/jmh-conv-t$t.json" >&2
  "${noblas[@]}" OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
    "$PY" bench/conv_workloads.py $t $([[ $quick == 1 ]] && echo --quick) > "$out/py-conv-t$t.jsonl"
done
if [[ $have_mnist == 1 ]]; then
  for t in 1 2; do
    echo "== Myelin: LeNet-5 epochs, $t thread(s)" >&2
    java --add-modules jdk.incubator.vector -Dmyelin.threads=$t -cp "$jar" org.myelin.bench.TrainEpochs lenet5 \
      $((epochs > 3 ? 3 : epochs)) "$data" 2>/dev/null > "$out/epochs-myelin-t$t-lenet5.txt"
  done
  for tt in 1 2; do
    for bt in 1 2; do
      echo "== PyTorch: LeNet-5 epoch, torch threads $tt, OpenBLAS threads $bt" >&2
      "${noblas[@]}" OMP_NUM_THREADS=$bt OPENBLAS_NUM_THREADS=$bt MKL_NUM_THREADS=$bt \
        "$PY" bench/pytorch_train.py "$data" $tt lenet5 > "$out/epochs-torch-$tt-$bt-lenet5.txt"
    done
  done
fi

if [[ $conv_only == 1 ]]; then
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
  "$PY" bench/compare_report.py "$out" | tee "$out/table.md"
  exit 0
fi

echo "== Myelin: engine overhead" >&2
java -jar "$jar" 'AutogradOverheadBenchmark' "${jmh[@]}" \
  -jvmArgsAppend -Dmyelin.threads=1 -rf json -rff "$out/jmh-overhead-t1.json" >&2
for t in 1 2; do
  echo "== Myelin: GEMMs and training steps, $t thread(s)" >&2
  java -jar "$jar" 'SgemmBenchmark|MlpGemmBenchmark' "${jmh[@]}" \
    -jvmArgsAppend -Dmyelin.threads=$t -rf json -rff "$out/jmh-gemm-t$t.json" >&2
  steps='TrainingStepBenchmark'
  [[ $t == 1 ]] && steps='TrainingStepBenchmark|DataLoaderBenchmark' # the loader is single-threaded
  java -jar "$jar" "$steps" "${jmh[@]}" -prof gc \
    -jvmArgsAppend -Dmyelin.threads=$t -rf json -rff "$out/jmh-step-t$t.json" >&2
done

echo "== PyTorch and numpy: the same workloads" >&2
for t in 1 2; do
  "${noblas[@]}" OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
    "$PY" bench/reference_workloads.py $t $([[ $quick == 1 ]] && echo --quick) > "$out/py-t$t.jsonl"
done

if [[ $have_mnist == 1 ]]; then
  for t in 1 2; do
    echo "== Myelin: MNIST epochs, $t thread(s)" >&2
    java --add-modules jdk.incubator.vector -Dmyelin.threads=$t -cp "$jar" org.myelin.bench.TrainEpochs both $epochs "$data" \
      2>/dev/null > "$out/epochs-myelin-t$t.txt"
  done
  for tt in 1 2; do
    for bt in 1 2; do
      echo "== PyTorch: MNIST epoch, torch threads $tt, OpenBLAS threads $bt" >&2
      "${noblas[@]}" OMP_NUM_THREADS=$bt OPENBLAS_NUM_THREADS=$bt MKL_NUM_THREADS=$bt \
        "$PY" bench/pytorch_train.py "$data" $tt > "$out/epochs-torch-$tt-$bt.txt"
    done
  done
else
  echo "MNIST is not available (scripts/fetch-data.sh failed): epoch rows skipped" >&2
fi

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
echo "Ratios are Myelin's time over the reference's: below 1.00 Myelin is faster."
echo
"$PY" bench/compare_report.py "$out" | tee "$out/table.md"
