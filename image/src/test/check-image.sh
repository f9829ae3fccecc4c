#!/usr/bin/env bash
# Runs the jlink image as a user would: its size, how fast `--version` answers, `doctor`, a short
# `train`, and the GELU plugin from the image's own plugins/ folder. Called by `mvn verify` (image module).
set -euo pipefail
image="$1"
gelu_jar="$2"
myelin="$image/bin/myelin"
fail() { echo "image check FAILED: $*" >&2; exit 1; }

size_mb=$(du -sm "$image" | cut -f1)
(( size_mb <= 60 )) || fail "the image is $size_mb MB, over 60 MB"
echo "image: $image, $size_mb MB"

# Best of five: on a busy machine the fastest run is the closest to the start-up cost itself.
best_ms=100000
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$myelin" --version >/dev/null 2>&1 || fail "--version exited with $?"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  (( ms < best_ms )) && best_ms=$ms
done
echo "--version: $("$myelin" --version 2>/dev/null), best of 5: $best_ms ms"
(( best_ms < 500 )) || fail "--version took $best_ms ms, more than 500 ms"

doctor=$("$myelin" doctor 2>&1) || fail "doctor exited with an error: $doctor"
grep -q "cpu-simd.*selected" <<<"$doctor" || fail "doctor does not show cpu-simd selected: $doctor"
grep -q "reference" <<<"$doctor" || fail "doctor does not list the reference backend: $doctor"
echo "doctor: ok ($(grep -c . <<<"$doctor") lines)"

train=$("$myelin" train --epochs 1 2>&1) || fail "train exited with an error: $train"
accuracy=$(grep -o 'test accuracy [0-9.]*' <<<"$train" | tail -1 | grep -o '[0-9.]*$')
[[ -n "$accuracy" ]] || fail "train printed no accuracy: $train"
awk -v a="$accuracy" 'BEGIN { exit !(a > 90) }' || fail "train reached only $accuracy %"
echo "train --epochs 1: test accuracy $accuracy %"

# MYELIN_JAVA_OPTS reaches the JVM: with a 64 MB heap, a model too large for it is one line that says so.
small=$(MYELIN_JAVA_OPTS=-Xmx64m "$myelin" train --model 784-10000000-10 2>&1) && fail "a 31 GB model trained in 64 MB: $small"
grep -Eq "of the [0-9]{1,2} MB the Java heap has free" <<<"$small" || fail "MYELIN_JAVA_OPTS=-Xmx64m did not set the heap: $small"
echo "MYELIN_JAVA_OPTS=-Xmx64m: $(grep -o 'at most [0-9]* MB (a quarter of the [0-9]* MB' <<<"$small")"

# The default plugins folder is plugins/ inside the image, next to bin/ and lib/.
mkdir -p "$image/plugins"
cp "$gelu_jar" "$image/plugins/gelu.jar"
trap 'rm -rf "$image/plugins"' EXIT
doctor=$("$myelin" doctor 2>&1) || fail "doctor with a plugin exited with an error: $doctor"
grep -q "gelu.jar: module org.myelin.example.gelu" <<<"$doctor" || fail "the image's plugins/ folder was not loaded: $doctor"
check=$("$myelin" plugin check "$image/plugins/gelu.jar" 2>&1) || fail "plugin check failed: $check"
grep -q "8 of 8 checks pass" <<<"$check" || fail "plugin check: $check"
echo "plugins/gelu.jar: loaded by default; plugin check: 8 of 8 checks pass"
echo "image check: OK"
