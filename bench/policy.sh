#!/usr/bin/env bash
# Per-request cost of edge policies: the same backend through meshgate on a plain route and on a
# route with API-key auth + a local rate limit + a request header modifier, next to nginx as a
# plain reverse proxy, in one run. Not a test: numbers depend on the machine and its load.
#
# Layout as bench/run.sh: proxies pinned to CPU 0, backend (nginx, ~100-byte answer) and wrk on CPU 1.
# Usage: bench/policy.sh [-d SECONDS] [-w SECONDS]     (defaults: 10 s runs after a 15 s warm-up)
set -euo pipefail

DURATION=10
WARMUP=15 # the JVM needs its JIT warm; nginx does not mind the wait
SETTLE=5  # a JIT that just ran the other route recompiles for a few seconds: not what is measured
while getopts "d:w:h" opt; do
  case "$opt" in
    d) DURATION=$OPTARG ;;
    w) WARMUP=$OPTARG ;;
    *) sed -n '2,7p' "$0"; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/results/policy-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out/meshgate"
for tool in nginx wrk curl taskset java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
"$root/meshgate" --help >/dev/null # builds the jar when sources changed
jar="$root/cli/target/meshgate.jar"

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
port=$((10000 + RANDOM % 20000)) # below the ephemeral range (32768+)
backend=$port; nginx_proxy=$((port + 1)); gw=$((port + 2)); admin=$((port + 3))

cat >"$out/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $out/nginx.pid;
error_log $out/nginx.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  upstream backend { server 127.0.0.1:$backend; keepalive 64; }
  server { listen 127.0.0.1:$backend;
    location / { default_type text/plain; return 200 "$(printf 'x%.0s' $(seq 1 99))\n"; } }
  server { listen 127.0.0.1:$nginx_proxy;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
taskset -c 1 nginx -c "$out/nginx.conf" >/dev/null 2>&1 & pids+=($!)

key=$(java -jar "$jar" key create bench -f "$out/meshgate/consumer.yaml" 2>/dev/null)
cat >"$out/meshgate/gateway.yaml" <<CONF
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: bench }
spec:
  gatewayClassName: meshgate
  listeners: [ { name: http, protocol: HTTP, port: $gw } ]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: plain }
spec:
  parentRefs: [ { name: bench } ]
  rules: [ { matches: [ { path: { type: PathPrefix, value: /plain } } ], backendRefs: [ { name: backend } ] } ]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: policy }
spec:
  parentRefs: [ { name: bench } ]
  rules:
    - matches: [ { path: { type: PathPrefix, value: /policy } } ]
      filters:
        - type: RequestHeaderModifier
          requestHeaderModifier: { set: [ { name: x-edge, value: bench } ], remove: [ x-debug ] }
      backendRefs: [ { name: backend } ]
---
apiVersion: meshgate.io/v1alpha1
kind: SecurityPolicy
metadata: { name: keys }
spec:
  targetRefs: [ { group: gateway.networking.k8s.io, kind: HTTPRoute, name: policy } ]
  apiKeyAuth: { extractFrom: [ { headers: [ x-api-key ] } ] }
---
apiVersion: meshgate.io/v1alpha1
kind: BackendTrafficPolicy
metadata: { name: limits }
spec:
  targetRefs: [ { group: gateway.networking.k8s.io, kind: HTTPRoute, name: policy } ]
  rateLimit:
    local:
      rules:
        # Per consumer, high enough never to refuse during the run: the cost of deciding is measured.
        - clientSelectors: [ { consumer: { type: Distinct } } ]
          limit: { requests: 100000000, unit: Second }
---
apiVersion: meshgate.io/v1alpha1
kind: Backend
metadata: { name: backend }
spec:
  endpoints: [ { address: 127.0.0.1, port: $backend } ]
CONF
# through the launcher, as in bench/run.sh: its default JVM flags and class-data archive
taskset -c 0 env MESHGATE_JAVA_OPTS="${MESHGATE_BENCH_JAVA_OPTS:-}" "$root/meshgate" gateway --config "$out/meshgate" \
  --admin "127.0.0.1:$admin" >"$out/meshgate.log" 2>&1 & pids+=($!)

for _ in $(seq 1 600); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "x-api-key: $key" "http://127.0.0.1:$gw/policy")" == 200 ]] && break
  sleep 0.1
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$gw/policy")" == 401 ]] \
  || { echo "bench: the policy route does not ask for a key; see $out/meshgate.log" >&2; exit 1; }

rps() { # name url [header]; measured after a SETTLE-second run of the same route
  local args=(-t1 -c50)
  [[ -n ${3:-} ]] && args+=(-H "$3")
  taskset -c 1 wrk "${args[@]}" -d"${SETTLE}s" "$2" >/dev/null
  taskset -c 1 wrk "${args[@]}" -d"${DURATION}s" "$2" >"$out/$1.txt"
  awk '/Requests\/sec/ {printf "%d", $2}' "$out/$1.txt"
}
echo "bench: warm-up ${WARMUP}s" >&2
taskset -c 1 wrk -t1 -c50 -d"${WARMUP}s" "http://127.0.0.1:$gw/plain" >/dev/null
taskset -c 1 wrk -t1 -c50 -d"${WARMUP}s" -H "x-api-key: $key" "http://127.0.0.1:$gw/policy" >/dev/null
echo "bench: measuring (${DURATION}s each)" >&2
n=$(rps nginx "http://127.0.0.1:$nginx_proxy/plain")
p=$(rps plain "http://127.0.0.1:$gw/plain")
k=$(rps policy "http://127.0.0.1:$gw/policy" "x-api-key: $key")
non2xx=$(awk '/Non-2xx/ {print $5}' "$out/policy.txt"); non2xx=${non2xx:-0}
{
  echo "| target | HTTP/1.1 req/s (wrk, 50 conns) | vs meshgate plain |"
  echo "|---|---:|---:|"
  echo "| nginx reverse proxy | $n | - |"
  echo "| meshgate plain route | $p | 1.00 |"
  echo "| meshgate API key + local rate limit + header modifier | $k | $(awk -v a="$k" -v b="$p" 'BEGIN {printf "%.2f", a / b}') |"
  echo
  echo "Policy route: $non2xx non-2xx answers. ${DURATION}s runs after ${WARMUP}s warm-ups; proxies on CPU 0, wrk and backend on CPU 1; $(date +%F)."
} | tee "$out/results.md"
