#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer: $JAVA_HOME when it is one, else the first under /usr/lib/jvm,
# else the one that `java` on PATH belongs to. Exits 1 with advice when there is none.
set -euo pipefail

major_of() { # java home -> feature version, or 0
  local release="$1/release"
  [[ -f "$release" ]] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -1
}

candidates=()
[[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
for d in /usr/lib/jvm/*; do [[ -d "$d" ]] && candidates+=("$d"); done
if command -v java >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi
for home in "${candidates[@]}"; do
  v="$(major_of "$home")"
  if [[ -n "$v" && "$v" -ge 25 && -x "$home/bin/javac" ]]; then
    echo "$home"
    exit 0
  fi
done
echo "error: no JDK 25 found (looked at \$JAVA_HOME, /usr/lib/jvm/* and java on PATH)." >&2
echo "Install a JDK 25 (for example Temurin 25) and set JAVA_HOME to it." >&2
exit 1
