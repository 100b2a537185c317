#!/usr/bin/env bash
# Route matching micro-benchmark: builds a table of N routes (default 10,000) and measures the
# time to build it and the mean time of one match, next to a linear scan over every route.
#   bench/route-match.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -DskipTests -pl proxy -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java -Xms256m -Xmx256m -cp "proxy/target/test-classes:proxy/target/classes:$(cat "$cp_file")" \
  io.meshgate.proxy.route.RouteTableBenchmark "${1:-10000}"
