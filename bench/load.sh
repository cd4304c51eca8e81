#!/usr/bin/env bash
# Load test: USERS people at once for DURATION, each signed in with a session of its own
# (ACCOUNTS accounts of one unit), reading lists, pages, systems, dossiers and documents,
# classifying, registering and editing systems, generating and submitting dossiers
# (bench/load/mixed.go), with a random pause of THINK on average between two requests
# of one user. Prints errors and latency per operation; exit status 1 on any wrong answer.
# With --tls, capdo serves HTTPS with a self-signed certificate and the users speak HTTP/2
# to it (--tls1: HTTP/1.1 over TLS).
# Usage: bench/load.sh [--tls|--tls1] [USERS] [DURATION] [THINK]    e.g. bench/load.sh 200 60s 1s
set -euo pipefail
cd "$(dirname "$0")/.."
tls=""
h1=()
if [ "${1:-}" = "--tls" ]; then tls=1; shift; fi
if [ "${1:-}" = "--tls1" ]; then tls=1; h1=(-http1); shift; fi
users=${1:-200}
dur=${2:-60s}
think=${3:-1s}
accounts=20
work=$(mktemp -d)
port=${CAPDO_BENCH_PORT:-18766}
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/capdo" ./cmd/capdo
go build -o "$work/load" ./bench/load
export CAPDO_BENCH_PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
for i in $(seq -w 1 $accounts); do
  printf '%s' "$CAPDO_BENCH_PASSWORD" | "$work/capdo" users add --db "$work/capdo.db" --username "bench$i" --role operator \
    --org "Sở Thông tin và Truyền thông" --parent "UBND tỉnh Kiên Giang" --password-stdin >/dev/null 2>>"$work/users.log"
done
args=(serve --addr "127.0.0.1:$port" --db "$work/capdo.db")
scheme=http
ca=()
if [ -n "$tls" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  args+=(--tls-cert "$work/cert.pem" --tls-key "$work/key.pem")
  scheme=https
  ca=(-ca "$work/cert.pem")
fi
# Request logging at this rate would measure the terminal; the log goes to a file.
"$work/capdo" "${args[@]}" >"$work/serve.out" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do
  grep -q "đang chạy" "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
echo "capdo $(go version | awk '{print $3}') on $(nproc) cores, GOMAXPROCS=${GOMAXPROCS:-default}, $scheme"
"$work/load" -mode mixed -url "$scheme://127.0.0.1:$port" -user bench -accounts $accounts -users "$users" \
  -duration "$dur" -think "$think" -seed 300 "${ca[@]}" "${h1[@]}"
