#!/usr/bin/env bash
# Reload cost with many routes: N HTTPRoutes (default 10,000) over 100 Backends in 10 files; prints
# load+validate and compile times for the full config, then for one-route edits.
#   bench/reload.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -DskipTests -pl proxy -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java -Xms512m -Xmx512m -cp "proxy/target/test-classes:proxy/target/classes:$(cat "$cp_file")" \
  io.meshgate.proxy.snapshot.ReloadBenchmark "${1:-10000}"
