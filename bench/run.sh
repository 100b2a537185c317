#!/usr/bin/env bash
# meshgate benchmark: direct-to-backend vs nginx vs HAProxy vs meshgate as reverse proxies, in one
# run on this machine. Not a test: numbers depend on the machine and on what else it runs.
#
# Layout (2 cores): each proxy is pinned to CPU 0; the backend (nginx, 1 worker, ~100-byte answer)
# and the load generators are pinned to CPU 1. For each target, after a warm-up:
#   wrk     HTTP/1.1, 50 connections, DURATION s      -> requests/s, requests per proxy CPU-second
#   h2load  HTTP/1.1 at a fixed 2,000 req/s (50 x 40) -> p50 / p99 latency (wrk2 is not in Debian;
#           h2load --rps paces each connection and --log-file gives every request's latency)
#   h2load  h2c, 50 connections x 10 streams          -> requests/s
# plus the proxy's RSS after the runs (peak, VmHWM) and its ready time (start until the first 200).
#
# Each measurement follows a SETTLE-second run of the same kind, for every target alike: a JVM that has
# just run another traffic mix recompiles for a few seconds (measured here: HTTP/1.1 right after the h2c
# warm-up ran at 19-25k req/s for 5 s, then 44-47k).
# Usage: bench/run.sh [-d SECONDS] [-w SECONDS] [-t direct,nginx,haproxy,meshgate]
# Needs: nginx haproxy wrk nghttp2-client (h2load) curl, a JDK 17 and Maven (for meshgate).
# Output: a Markdown table on stdout and in bench/results/<time>/results.md, with configs and logs.
set -euo pipefail

DURATION=10
WARMUP=15 # the JVM needs its JIT warm; native proxies do not mind the wait
SETTLE=5  # each measurement follows a short run of the same kind: a JIT recompiles when the mix changes
TARGETS=direct,nginx,haproxy,meshgate
while getopts "d:w:t:h" opt; do
  case "$opt" in
    d) DURATION=$OPTARG ;;
    w) WARMUP=$OPTARG ;;
    t) TARGETS=$OPTARG ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
CONNS=50
RATE_PER_CONN=40 # 50 connections x 40 req/s = 2,000 req/s
PROXY_CPU=0
LOAD_CPU=1
if (( $(nproc) < 2 )); then PROXY_CPU=0; LOAD_CPU=0; echo "bench: one CPU only; results will mix" >&2; fi
CLK_TCK=$(getconf CLK_TCK)
for tool in nginx haproxy wrk h2load curl taskset; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install nginx haproxy wrk nghttp2-client curl)" >&2; exit 1; }
done

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((10000 + RANDOM % 20000)) # below the ephemeral range (32768+), where client sockets take ports
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port" >&2; exit 1
}

# Waits until URL answers 200; prints the milliseconds since START_NS.
await_200() {
  local url=$1 start_ns=$2 deadline=$((SECONDS + 60)) opts=()
  [[ ${3:-} == h2c ]] && opts=(--http2-prior-knowledge)
  while (( SECONDS < deadline )); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "${opts[@]}" "$url" 2>/dev/null)" == 200 ]]; then
      echo $(( ($(date +%s%N) - start_ns) / 1000000 ))
      return
    fi
    sleep 0.01
  done
  echo "bench: $url never answered 200" >&2; exit 1
}

# All pids of a process tree (nginx master + workers).
tree_pids() {
  local p=$1
  echo "$p"
  local c
  for c in $(pgrep -P "$p" || true); do tree_pids "$c"; done
}
cpu_ticks() {
  local total=0 p
  for p in $(tree_pids "$1"); do
    [[ -r /proc/$p/stat ]] || continue
    # utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so cut after ')'.
    read -r -a f < <(sed 's/^.*) //' "/proc/$p/stat")
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}
rss_peak_mb() {
  local total=0 p kb
  for p in $(tree_pids "$1"); do
    kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo $((total / 1024))
}

body=$(printf 'x%.0s' $(seq 1 99))  # ~100-byte response body (99 x + newline)
backend_h1=$(free_port)
backend_h2=$(free_port)
cat >"$out/backend-nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $out/backend-nginx.pid;
error_log $out/backend-nginx.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$backend_h1;
    listen 127.0.0.1:$backend_h2 http2;
    location / { default_type text/plain; return 200 "$body\n"; }
  }
}
CONF
taskset -c "$LOAD_CPU" nginx -c "$out/backend-nginx.conf" -p "$out" >"$out/backend-nginx.log" 2>&1 &
pids+=($!)
await_200 "http://127.0.0.1:$backend_h1/" "$(date +%s%N)" >/dev/null

start_nginx_proxy() {
  local h1=$1 h2=$2
  cat >"$out/nginx-proxy.conf" <<CONF
worker_processes 1;
daemon off;
pid $out/nginx-proxy.pid;
error_log $out/nginx-proxy.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  upstream backend { server 127.0.0.1:$backend_h1; keepalive 64; keepalive_requests 10000000; }
  server {
    listen 127.0.0.1:$h1;
    listen 127.0.0.1:$h2 http2;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
  taskset -c "$PROXY_CPU" nginx -c "$out/nginx-proxy.conf" -p "$out" >"$out/nginx-proxy.log" 2>&1 &
  echo $!
}

start_haproxy() {
  local h1=$1 h2=$2
  cat >"$out/haproxy.cfg" <<CONF
global
  nbthread 1
  maxconn 4000
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  http-reuse always
frontend h1
  bind 127.0.0.1:$h1
  default_backend backend
frontend h2c
  bind 127.0.0.1:$h2 proto h2
  default_backend backend
backend backend
  server s1 127.0.0.1:$backend_h1
CONF
  taskset -c "$PROXY_CPU" haproxy -f "$out/haproxy.cfg" >"$out/haproxy.log" 2>&1 &
  echo $!
}

start_meshgate() {
  local h1=$1 admin
  admin=$(free_port)
  mkdir -p "$out/meshgate"
  cat >"$out/meshgate/bench.yaml" <<CONF
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: bench }
spec:
  gatewayClassName: meshgate
  addresses: [ { type: IPAddress, value: 127.0.0.1 } ]
  listeners: [ { name: http, protocol: HTTP, port: $h1 } ]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: all }
spec:
  parentRefs: [ { name: bench } ]
  rules: [ { backendRefs: [ { name: backend, port: $backend_h1 } ] } ]
---
apiVersion: meshgate.io/v1alpha1
kind: Backend
metadata: { name: backend }
spec:
  endpoints: [ { address: 127.0.0.1, port: $backend_h1 } ]
CONF
  # The launcher, as a user runs it (its default JVM flags and class-data archive); it execs the
  # JVM, so the pid is the JVM's. MESHGATE_BENCH_JAVA_OPTS adds flags after the defaults.
  taskset -c "$PROXY_CPU" env MESHGATE_JAVA_OPTS="${MESHGATE_BENCH_JAVA_OPTS:-}" "$root/meshgate" gateway \
    --config "$out/meshgate" --admin "127.0.0.1:$admin" >"$out/meshgate.log" 2>&1 &
  echo $!
}

if [[ ",$TARGETS," == *,meshgate,* ]]; then
  "$root/meshgate" --help >/dev/null # builds the jar (and its class-data archive) when sources changed
fi

# One row per target: name rps rps_per_cpu p50 p99 h2c_rps rss ready
rows=()
run_target() {
  local name=$1 h1 h2 pid="" ready="-" start_ns
  if [[ $name == direct ]]; then
    h1=$backend_h1; h2=$backend_h2
  else
    h1=$(free_port); h2=$(free_port)
    start_ns=$(date +%s%N)
    case $name in
      nginx) pid=$(start_nginx_proxy "$h1" "$h2") ;;
      haproxy) pid=$(start_haproxy "$h1" "$h2") ;;
      meshgate) pid=$(start_meshgate "$h1"); h2=$h1 ;;
    esac
    pids+=("$pid")
    ready=$(await_200 "http://127.0.0.1:$h1/" "$start_ns")
  fi
  local url1="http://127.0.0.1:$h1/" url2="http://127.0.0.1:$h2/"
  echo "bench: $name: warm-up ${WARMUP}s" >&2
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"${WARMUP}s" "$url1" >/dev/null
  taskset -c "$LOAD_CPU" h2load -c"$CONNS" -m10 -D "$WARMUP" "$url2" >/dev/null

  echo "bench: $name: wrk HTTP/1.1 ${DURATION}s (after ${SETTLE}s of the same)" >&2
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"${SETTLE}s" "$url1" >/dev/null
  local t0=0 t1=0
  [[ -n $pid ]] && t0=$(cpu_ticks "$pid")
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "$url1" >"$out/$name-wrk.txt"
  [[ -n $pid ]] && t1=$(cpu_ticks "$pid")
  local rps requests per_cpu="-"
  rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$out/$name-wrk.txt")
  requests=$(awk '/requests in/ {print $1}' "$out/$name-wrk.txt")
  if [[ -n $pid ]] && (( t1 > t0 )); then
    per_cpu=$(( requests * CLK_TCK / (t1 - t0) ))
  fi

  echo "bench: $name: fixed rate $((CONNS * RATE_PER_CONN)) req/s ${DURATION}s" >&2
  rm -f "$out/$name-rate.log"*
  taskset -c "$LOAD_CPU" h2load --h1 -c"$CONNS" --rps "$RATE_PER_CONN" -D "$SETTLE" "$url1" >/dev/null
  taskset -c "$LOAD_CPU" h2load --h1 -c"$CONNS" --rps "$RATE_PER_CONN" -D "$DURATION" \
    --log-file "$out/$name-rate.log" "$url1" >"$out/$name-rate.txt"
  local p50 p99 errors
  read -r p50 p99 < <(awk -F'\t' '{print $3}' "$out/$name-rate.log" | sort -n |
    awk '{v[NR]=$1} END {if (NR == 0) {print "- -"; exit}
      i50=int(NR*0.50); if (i50<1) i50=1; i99=int(NR*0.99); if (i99<1) i99=1;
      printf "%.2f %.2f\n", v[i50]/1000, v[i99]/1000}')
  errors=$(awk -F'\t' '$2 != 200 {n++} END {print n+0}' "$out/$name-rate.log")
  (( errors > 0 )) && echo "bench: $name: $errors non-200 answers in the fixed-rate run" >&2

  echo "bench: $name: h2load h2c ${DURATION}s" >&2
  taskset -c "$LOAD_CPU" h2load -c"$CONNS" -m10 -D "$SETTLE" "$url2" >/dev/null
  taskset -c "$LOAD_CPU" h2load -c"$CONNS" -m10 -D "$DURATION" "$url2" >"$out/$name-h2load.txt"
  local h2rps
  h2rps=$(awk '/^finished in/ {gsub(",", "", $4); printf "%d", $4}' "$out/$name-h2load.txt")

  local rss="-"
  if [[ -n $pid ]]; then
    rss=$(rss_peak_mb "$pid")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rows+=("$name|$rps|$per_cpu|$p50|$p99|$h2rps|$rss|$ready")
}

IFS=, read -r -a targets <<<"$TARGETS"
for t in "${targets[@]}"; do run_target "$t"; done

{
  echo "| target | HTTP/1.1 req/s (wrk, 50 conns) | req per proxy CPU-s | p50 ms @2k req/s | p99 ms @2k req/s | h2c req/s (h2load) | proxy peak RSS MB | ready ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for r in "${rows[@]}"; do
    IFS='|' read -r n a b c d e f g <<<"$r"
    echo "| $n | $a | $b | $c | $d | $e | $f | $g |"
  done
  echo
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); proxy on CPU $PROXY_CPU, backend and load on CPU $LOAD_CPU; ${DURATION}s runs after ${WARMUP}s warm-up; $(date -u +%Y-%m-%d)."
  echo "nginx $(nginx -v 2>&1 | cut -d/ -f2), HAProxy $(haproxy -v | head -1 | awk '{print $3}'), $(java -version 2>&1 | head -1)."
} | tee "$out/results.md"
echo "bench: configs, logs and raw outputs in $out" >&2
