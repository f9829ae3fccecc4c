#!/usr/bin/env bash
# The figures of docs/distributed.md: the ring's all-reduce bus bandwidth between separate JVMs on
# this host (64 KB to 100 MB, 2 to 4 ranks; shared memory, then loopback TCP) against one core's
# memory-copy bandwidth; one training step
# of 784-256-256-10 on 1 process and on 2 ranks; Spark's start-up and barrier-stage launch on
# local[2]; then the step-time model fitted to them (bench/scaling_model.py). About 2 minutes.
#
#   bench/distributed.sh            # builds the bench jar and distributed-spark first
#   bench/distributed.sh --no-build
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(bash scripts/find-jdk25.sh)"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [[ "${1:-}" != "--no-build" ]]; then
  echo "== building the benchmark jar and distributed-spark" >&2
  mvn -B -q -ntp -Dstyle.color=never -DskipTests -pl bench,distributed-spark -am install >&2
  touch distributed-spark/target/lib/.built
fi
out=bench/target/distributed
mkdir -p "$out"
jar=bench/target/benchmarks.jar
echo "== all-reduce on loopback" >&2
quiet() { grep -v 'Using incubator modules' >&2; }
java -cp "$jar" org.myelin.bench.AllReduceBandwidth 2 3 4 tcp 2> >(quiet) | tee "$out/allreduce.txt"
echo "== one step of 784-256-256-10, 1 process against 2 ranks" >&2
java --add-modules jdk.incubator.vector -cp "$jar" org.myelin.bench.DataParallelStep 2> >(quiet) | tee "$out/step.txt"
echo "== Spark's own overhead on local[2]" >&2
./myelin-spark overhead 2> >(grep -E -v 'WARN|WARNING' >&2) | tee "$out/spark.txt"
echo "== the step-time model" >&2
/usr/bin/python3 bench/scaling_model.py "$out/allreduce.txt" "$out/step.txt" | tee "$out/model.txt"
