#!/usr/bin/env bash
# Builds examples/library-use (its own pom, not part of Myelin's build) against the installed
# Myelin artifacts and runs it from the module path, as a user's program would.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(bash scripts/find-jdk25.sh)"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
command -v mvn >/dev/null 2>&1 || { echo "error: Maven (mvn) is not installed; install it, e.g. apt-get install maven" >&2; exit 1; }

echo "== installing the modules a library user depends on"
mvn -B -ntp -q -Dmaven.test.skip=true install -pl nn,optim,data,train,autograd,ops-cpu-simd -am
echo "== building examples/library-use against them"
mvn -B -ntp -q -f examples/library-use/pom.xml package
echo "== running it from the module path"
java --module-path examples/library-use/target/lib -m org.myelin.example.library/org.myelin.example.library.LogisticRegressionExample
java --module-path examples/library-use/target/lib -m org.myelin.example.library/org.myelin.example.library.CheckpointExample
echo "library-use: OK"
