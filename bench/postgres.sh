#!/usr/bin/env bash
# Load benchmark on PostgreSQL with two servers: starts a throwaway PostgreSQL cluster
# (.ci/postgres), two capdo serve processes on one database, seeds ~1,000 systems through
# the first, then drives both servers at once with bench/load, half the clients on each,
# through the same scenarios as bench/run.sh (add the two lines of each scenario).
# Usage: bench/postgres.sh [DURATION] [CONCURRENCY]      e.g. bench/postgres.sh 10s 16
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-10s}
conc=${2:-16}
work=$(mktemp -d)
port=${CAPDO_BENCH_PORT:-18765}
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ -n "${CAPDO_TEST_POSTGRES_DIR:-}" ]; then .ci/postgres stop "$CAPDO_TEST_POSTGRES_DIR"; fi
  rm -rf "$work"
}
trap cleanup EXIT

pgenv=$(.ci/postgres start "${CAPDO_BENCH_PG_PORT:-55433}")
eval "$pgenv"
db=$CAPDO_TEST_POSTGRES
go build -o "$work/capdo" ./cmd/capdo
go build -o "$work/load" ./bench/load
export CAPDO_BENCH_PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s' "$CAPDO_BENCH_PASSWORD" | "$work/capdo" users add --db "$db" --username bench --role operator \
  --org "Sở Thông tin và Truyền thông" --parent "UBND tỉnh Kiên Giang" --password-stdin >/dev/null 2>&1
for i in 0 1; do
  "$work/capdo" serve --addr "127.0.0.1:$((port + i))" --db "$db" >"$work/serve$i.out" 2>"$work/serve$i.log" &
  pids+=($!)
done
for i in 0 1; do
  for _ in $(seq 100); do
    grep -q "đang chạy" "$work/serve$i.out" 2>/dev/null && break
    sleep 0.1
  done
done
echo "capdo $(go version | awk '{print $3}') on $(nproc) cores, two servers on one PostgreSQL database"
"$work/load" -url "http://127.0.0.1:$port" -user bench -seed 1000 -duration 1ms -c 1 | grep seeded
half=$((conc / 2))
"$work/load" -url "http://127.0.0.1:$port" -user bench -seed 0 -duration "$dur" -c "$half" >"$work/load0.out" &
l0=$!
"$work/load" -url "http://127.0.0.1:$((port + 1))" -user bench -seed 0 -duration "$dur" -c "$((conc - half))" >"$work/load1.out" &
l1=$!
wait "$l0" "$l1"
echo "server A:"; cat "$work/load0.out"
echo "server B:"; cat "$work/load1.out"
