#!/usr/bin/env bash
# The device check of the CUDA pack (ops-gpu-jcuda), in two halves:
#
#   bash scripts/gpu-check.sh --prepare   HERE, after a full build (mvn install, and the runtime image):
#                                         fills .gpu-carry/ with everything the GPU machine needs, since it
#                                         has no Java, no Maven and no network, and prints its size.
#   bash scripts/gpu-check.sh             ON THE GPU MACHINE (the device tool, carry [".gpu-carry"]):
#                                         1. the testkit conformance suite for cuda against reference
#                                            (plus the GPU Philox bits, and the tiled SGEMM with cuBLAS off);
#                                         2. MNIST 784-256-256-10 ReLU, one epoch, on cuda and on the CPU:
#                                            seconds and test accuracy of each;
#                                         2b. LeNet-5, one epoch on cuda (conv2d and pooling through
#                                             window.cu's im2col/col2im): seconds and accuracy;
#                                         3. float32 SGEMM at 4096 and 8192 against torch.mm, and the ratio.
#                                         Exit status 0 only when every required check passes.
#
# .gpu-carry/bundle.tar.xz (ignored by git through .git/info/exclude; xz because the image alone is ~59 MB
# and the device tool carries 64 MiB with the working tree) holds, unpacked there into $TMPDIR:
#   image/            the jlink runtime image: from $MYELIN_IMAGE, else the first of image/target/myelin,
#                     image/target/image, image/target/*/ holding bin/myelin and bin/java
#   plugins/cuda/     the pack, JCuda with its natives merged in, jcublas  (ops-gpu-jcuda/target/plugins/cuda)
#   lib/              the testkit jar, for GpuCheck's conformance run   (ops-gpu-jcuda/target/gpu-check-lib;
#                     ignored when the image has the testkit already)
#   datasets/mnist/   the four MNIST IDX files, gzipped (11 MB)         (from ${MYELIN_DATA:-~/.cache/myelin/datasets})
set -uo pipefail
cd "$(dirname "$0")/.."
carry=.gpu-carry
budget_mib=64

die() { echo "gpu-check: $*" >&2; exit 2; }

prepare() {
  local image="${MYELIN_IMAGE:-}"
  if [[ -z "$image" ]]; then
    for candidate in image/target/myelin image/target/image image/target/*/; do
      if [[ -x "$candidate/bin/myelin" && -x "$candidate/bin/java" ]]; then image="${candidate%/}"; break; fi
    done
  fi
  [[ -n "$image" && -x "$image/bin/java" ]] || die "no runtime image found: build it (the image module) or set MYELIN_IMAGE to a jlink image with bin/java and bin/myelin"
  [[ -f ops-gpu-jcuda/target/plugins/cuda/jcuda-12.0.0.jar ]] || die "ops-gpu-jcuda/target/plugins/cuda is missing: run mvn install -pl ops-gpu-jcuda"
  ls ops-gpu-jcuda/target/classes/org/myelin/ops/gpu/jcuda/*.ptx >/dev/null 2>&1 \
    || echo "gpu-check: warning: no PTX was built (nvcc missing here); the GPU machine will need NVRTC 12" >&2
  local data="${MYELIN_DATA:-$HOME/.cache/myelin/datasets}/mnist"
  [[ -d "$data" ]] || die "MNIST not found in $data: run bash scripts/fetch-data.sh"
  rm -rf "$carry"
  local stage="$carry/stage"
  mkdir -p "$stage/plugins" "$stage/lib" "$stage/datasets/mnist"
  cp -a "$image" "$stage/image"
  cp -a ops-gpu-jcuda/target/plugins/cuda "$stage/plugins/cuda"
  cp ops-gpu-jcuda/target/gpu-check-lib/*.jar "$stage/lib/"
  for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    if [[ -f "$data/$f.gz" ]]; then cp "$data/$f.gz" "$stage/datasets/mnist/"
    elif [[ -f "$data/$f" ]]; then gzip -9 -c "$data/$f" > "$stage/datasets/mnist/$f.gz"
    else die "MNIST file $f missing in $data"; fi
  done
  echo "gpu-check: compressing $(du -sm "$stage" | cut -f1) MiB (image $(du -sm "$stage/image" | cut -f1), plugins $(du -sm "$stage/plugins" | cut -f1), data $(du -sm "$stage/datasets" | cut -f1)); a minute or two"
  tar -C "$stage" -cf - . | xz -6 -T0 > "$carry/bundle.tar.xz.tmp" || die "xz failed"
  mv "$carry/bundle.tar.xz.tmp" "$carry/bundle.tar.xz"
  rm -rf "$stage"
  grep -qx "/$carry/" .git/info/exclude 2>/dev/null || echo "/$carry/" >> .git/info/exclude
  local carried tree
  carried=$(du -sm "$carry" | cut -f1)
  tree=$(git ls-files -z -co --exclude-standard | du -cm --files0-from=- 2>/dev/null | tail -1 | cut -f1)
  echo "gpu-check: $carry holds ${carried} MiB; the working tree adds about ${tree} MiB"
  (( carried + tree <= budget_mib )) || die "over the ${budget_mib} MiB the device tool carries: shrink the image (fewer modules) or the data"
  echo "gpu-check: ready. On the GPU machine: bash scripts/gpu-check.sh   (carry: [\"$carry\"])"
}

if [[ "${1:-}" == "--prepare" ]]; then prepare; exit $?; fi

# ---------------------------------------------------------------- on the GPU machine
log="${OUT:-/tmp}/gpu-check.log"
exec > >(tee "$log") 2>&1
start=$(date +%s)
failures=()
require() { failures+=("$1"); echo "FAIL: $1"; }

[[ -f "$carry/bundle.tar.xz" ]] || die "$carry/bundle.tar.xz is missing: run bash scripts/gpu-check.sh --prepare here first, and carry $carry"
unpacked="${TMPDIR:-/tmp}/myelin-gpu-carry"
rm -rf "$unpacked" && mkdir -p "$unpacked"
if command -v xz >/dev/null 2>&1; then
  xz -dc "$carry/bundle.tar.xz" | tar -C "$unpacked" -xf - || die "cannot unpack $carry/bundle.tar.xz"
else
  python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$carry/bundle.tar.xz" "$unpacked" \
    || die "cannot unpack $carry/bundle.tar.xz (no xz, and python3 failed)"
fi
carry="$unpacked"
java="$carry/image/bin/java"
myelin="$carry/image/bin/myelin"
[[ -x "$java" && -x "$myelin" ]] || die "the bundle holds no runtime image with bin/java and bin/myelin"
echo "== machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi failed"

# JCuda 12 links libcublas.so.12 and libnvrtc.so.12. A CUDA 13 machine may lack them; PyTorch's pip wheels
# often carry them under site-packages/nvidia/*/lib. Without cuBLAS matmul uses the built-in kernel; without
# NVRTC the bundled PTX is used.
extra=""
for lib in libcublas.so.12 libnvrtc.so.12; do
  if ldconfig -p 2>/dev/null | grep -q "$lib"; then echo "found $lib in the system"; continue; fi
  dir=$(python3 - "$lib" <<'EOF' 2>/dev/null
import os, sys, site
roots = site.getsitepackages() + [site.getusersitepackages()]
for root in roots:
    for base, _, files in os.walk(os.path.join(root, "nvidia")):
        if sys.argv[1] in files:
            print(base); raise SystemExit
    torch_lib = os.path.join(root, "torch", "lib")
    if os.path.exists(os.path.join(torch_lib, sys.argv[1])):
        print(torch_lib); raise SystemExit
EOF
)
  if [[ -n "$dir" ]]; then echo "found $lib in $dir"; extra="$extra:$dir"; else echo "no $lib on this machine"; fi
done
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}$extra"

modules="$carry/plugins/cuda:$carry/lib"
# gpucheck SECONDS [-Dprop=value...] SUBCOMMAND ARGS...: the pack's own check program, run by the image's java.
gpucheck() {
  local limit="$1" props=()
  shift
  while [[ "${1:-}" == -D* ]]; do props+=("$1"); shift; done
  timeout "$limit" "$java" "${props[@]}" --enable-native-access=jcuda,org.myelin.ops.gpu.jcuda --module-path "$modules" \
    --add-modules org.myelin.testkit,java.logging -m org.myelin.ops.gpu.jcuda/org.myelin.ops.gpu.jcuda.GpuCheck "$@"
}
calc() { awk "BEGIN { print $1 }"; }   # no bc on that machine, perhaps; awk is everywhere

echo "== 1. probe, Philox on the GPU, conformance (cuda vs reference)"
gpucheck 120 probe || require "probe"
gpucheck 45 philox || require "philox bits on the GPU"
gpucheck 180 conformance || require "conformance"
echo "-- the same suite with cuBLAS off (the built-in tiled SGEMM/DGEMM)"
# Optional steps are skipped once 4 minutes are gone, so the required ones fit in the issue's 8 minutes.
elapsed() { echo $(( $(date +%s) - start )); }
if (( $(elapsed) < 240 )); then
  gpucheck 150 -Dmyelin.cuda.blas=off conformance || require "conformance with cuBLAS off"
else echo "skipped: $(elapsed) s gone"; fi
echo "-- NVRTC compiling every program (informational: NVRTC 12 may be missing here)"
gpucheck 60 -Dmyelin.cuda.kernels=nvrtc probe || echo "NVRTC path unavailable here (the bundled PTX is used)"

echo "== 2. MNIST 784-256-256-10 relu, one epoch"
train=(train --model 784-256-256-10 --activation relu --batch-size 128 --lr 0.05 --momentum 0.9 --epochs 1
       --data "$carry/datasets" --plugins "$carry/plugins")
# The epoch line reads: "epoch 1/1  train loss 0.3837  test accuracy 95.15%  4.5 s".
accuracy_of() { grep -o 'test accuracy[^0-9]*[0-9.]*' | tail -1 | grep -o '[0-9.]*$'; }
epoch_seconds_of() { grep 'test accuracy' | tail -1 | grep -o '[0-9.]* s$' | cut -d' ' -f1; }
t0=$(date +%s.%N)
gpu_out=$(timeout 180 "$myelin" "${train[@]}" --device cuda 2>&1); gpu_rc=$?
t1=$(date +%s.%N)
echo "$gpu_out" | tail -5
gpu_acc=$(echo "$gpu_out" | accuracy_of)
printf 'TRAIN device=cuda epoch_seconds=%s wall_seconds=%.1f accuracy=%s\n' "$(echo "$gpu_out" | epoch_seconds_of)" \
  "$(calc "$t1 - $t0")" "${gpu_acc:-none}"
[[ $gpu_rc -eq 0 && -n "$gpu_acc" ]] || require "training on cuda"
t0=$(date +%s.%N)
cpu_out=$(timeout 150 "$myelin" "${train[@]}" --device cpu 2>&1); cpu_rc=$?
t1=$(date +%s.%N)
cpu_acc=$(echo "$cpu_out" | accuracy_of)
printf 'TRAIN device=cpu epoch_seconds=%s wall_seconds=%.1f accuracy=%s\n' "$(echo "$cpu_out" | epoch_seconds_of)" \
  "$(calc "$t1 - $t0")" "${cpu_acc:-none}"
if [[ -n "$gpu_acc" && -n "$cpu_acc" ]]; then
  gap=$(calc "($gpu_acc - $cpu_acc) < 0 ? $cpu_acc - $gpu_acc : $gpu_acc - $cpu_acc")
  echo "accuracy gap cuda vs cpu: $gap points (must be <= 0.3)"
  [[ $(calc "$gap <= 0.3") == 1 ]] || require "cuda accuracy within 0.3 points of the CPU's"
elif [[ $cpu_rc -ne 0 ]]; then
  echo "$cpu_out" | tail -5
  require "training on the CPU, for the accuracy comparison"
fi

echo "== 2b. MNIST LeNet-5, one epoch on cuda (conv2d, max_pool2d: window.cu)"
if (( $(elapsed) < 360 )); then
  lenet_out=$(timeout 150 "$myelin" train --model lenet5 --epochs 1 --data "$carry/datasets" --plugins "$carry/plugins" \
    --device cuda 2>&1); lenet_rc=$?
  echo "$lenet_out" | tail -3
  lenet_acc=$(echo "$lenet_out" | accuracy_of)
  printf 'TRAIN model=lenet5 device=cuda epoch_seconds=%s accuracy=%s\n' "$(echo "$lenet_out" | epoch_seconds_of)" \
    "${lenet_acc:-none}"
  # One epoch on the CPU here gives 97.56 % with the default seed.
  [[ $lenet_rc -eq 0 && -n "$lenet_acc" && $(calc "$lenet_acc >= 97") == 1 ]] || require "LeNet-5 on cuda, at least 97 %"
else echo "skipped: $(elapsed) s gone"; fi

echo "== 3. SGEMM float32 against torch.mm"
myelin_sgemm=$(gpucheck 120 sgemm 4096 8192) || require "myelin sgemm"
echo "$myelin_sgemm"
torch_sgemm=$(timeout 120 python3 - <<'EOF'
import time, torch
assert torch.cuda.is_available(), "PyTorch sees no GPU"
for n in (4096, 8192):
    a = torch.rand(n, n, device="cuda") * 2 - 1
    b = torch.rand(n, n, device="cuda") * 2 - 1
    torch.mm(a, b); torch.cuda.synchronize()
    reps = 20 if n <= 4096 else 8
    t = time.perf_counter()
    for _ in range(reps):
        c = torch.mm(a, b)
    torch.cuda.synchronize()
    s = (time.perf_counter() - t) / reps
    print(f"TORCH n={n} ms={s * 1e3:.3f} tflops={2 * n ** 3 / s / 1e12:.2f} tf32={torch.backends.cuda.matmul.allow_tf32}")
EOF
) || require "torch.mm timing"
echo "$torch_sgemm"
for n in 4096 8192; do
  ours=$(echo "$myelin_sgemm" | grep "SGEMM n=$n " | grep -o 'ms=[0-9.]*' | cut -d= -f2)
  theirs=$(echo "$torch_sgemm" | grep "TORCH n=$n " | grep -o 'ms=[0-9.]*' | cut -d= -f2)
  if [[ -n "$ours" && -n "$theirs" ]]; then
    ratio=$(calc "$theirs / $ours")
    echo "SGEMM n=$n myelin/torch speed ratio: $ratio (torch ms / myelin ms)"
    if [[ $n -eq 8192 && $(calc "$ratio < 0.9") == 1 ]]; then require "SGEMM 8192 at least 0.9x torch.mm"; fi
  fi
done

echo "== done in $(( $(date +%s) - start )) s; log: $log"
if (( ${#failures[@]} )); then
  printf 'gpu-check: %d check(s) failed:\n' "${#failures[@]}"; printf '  - %s\n' "${failures[@]}"; exit 1
fi
echo "gpu-check: all checks passed"
