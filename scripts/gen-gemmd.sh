#!/usr/bin/env bash
# Regenerates ops-cpu-simd's GemmD.java (FLOAT64) from GemmF.java (FLOAT32): the two are one kernel
# in two types, so only GemmF is edited by hand. GemmDGeneratedTest fails when they drift apart.
set -euo pipefail
cd "$(dirname "$0")/../ops-cpu-simd/src/main/java/org/myelin/ops/cpu/simd"
sed -e 's/float/double/g; s/Float/Double/g; s/GemmF/GemmD/g; s/FLOAT32/FLOAT64/g' \
    -e 's/Simd\.FL\b/Simd.DL/g; s/Simd\.F\b/Simd.D/g; s/\b0f\b/0.0/g' GemmF.java > GemmD.java
