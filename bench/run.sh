#!/usr/bin/env bash
# Load benchmark: builds capdo, starts it on a temporary database, creates a user, seeds
# ~1,000 systems and drives POST /api/v1/classify, GET /api/v1/systems (whole list and
# ?limit=50) and the HTML list GET /systems for 10 s each.
# Usage: bench/run.sh [DURATION] [CONCURRENCY]      e.g. bench/run.sh 10s 16
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-10s}
conc=${2:-16}
work=$(mktemp -d)
port=${CAPDO_BENCH_PORT:-18765}
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/capdo" ./cmd/capdo
go build -o "$work/load" ./bench/load
export CAPDO_BENCH_PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s' "$CAPDO_BENCH_PASSWORD" | "$work/capdo" users add --db "$work/capdo.db" --username bench --role operator \
  --org "Sở Thông tin và Truyền thông" --parent "UBND tỉnh Kiên Giang" --password-stdin >/dev/null 2>&1
# Request logging at 10k req/s would measure the terminal; the log goes to a file.
"$work/capdo" serve --addr "127.0.0.1:$port" --db "$work/capdo.db" >"$work/serve.out" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do
  grep -q "đang chạy" "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
echo "capdo $(go version | awk '{print $3}') on $(nproc) cores, GOMAXPROCS=${GOMAXPROCS:-default}"
"$work/load" -url "http://127.0.0.1:$port" -user bench -seed 1000 -duration "$dur" -c "$conc"
