#!/usr/bin/env bash
# Builds the JMH jar and runs Myelin's benchmarks, then the same workloads in PyTorch.
# Usage: bench/run.sh [JMH options, e.g. a benchmark regex]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(bash scripts/find-jdk25.sh)"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q -ntp -DskipTests -pl bench -am package
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar "$@"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  /usr/bin/python3 bench/pytorch_reference.py
else
  echo "PyTorch side skipped: install Debian's python3-torch to compare (apt-get install python3-torch)"
fi
