#!/usr/bin/env bash
# Builds Myelin and runs every test, on JDK 25 (found by scripts/find-jdk25.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(bash scripts/find-jdk25.sh)"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
command -v mvn >/dev/null 2>&1 || { echo "error: Maven (mvn) is not installed; install it, e.g. apt-get install maven" >&2; exit 1; }
exec mvn -B -ntp verify "$@"
