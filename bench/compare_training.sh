#!/usr/bin/env bash
# One epoch of each of the CLI's two training configurations, in Myelin and in PyTorch, on this
# machine, one after the other. Myelin's time is the epoch line's seconds (training plus the test
# pass); PyTorch's is training only, so the comparison favours PyTorch slightly.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fetch-data.sh >/dev/null
echo "== myelin (2 compute threads)"
./myelin train --epochs 1 2>/dev/null | grep 'test accuracy' | sed 's/^/784-30-10 sigmoid b10: /'
./myelin train --epochs 1 --model 784-256-256-10 --activation relu --batch-size 128 --lr 0.05 --momentum 0.9 2>/dev/null \
  | grep 'test accuracy' | sed 's/^/784-256-256-10 relu b128: /'
echo "== pytorch"
for t in 1 2; do
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t \
    /usr/bin/python3 bench/pytorch_train.py "${MYELIN_DATA:-$HOME/.cache/myelin/datasets}" $t
done
