#!/usr/bin/env bash
# Load benchmark on PostgreSQL with two servers: starts a throwaway PostgreSQL cluster
# (.ci/postgres), two capdo serve processes on one database (one audit key), and drives
# both at once with bench/load, half the clients on each:
#
#   bench/postgres.sh [DURATION] [CONCURRENCY]           the scenarios of bench/run.sh
#   bench/postgres.sh --mixed [USERS] [DURATION] [THINK] the people of bench/load.sh
#
# Add the two servers' lines of each scenario or operation for the total. With
# LOAD=path, that load binary is used instead of building bench/load.
set -euo pipefail
cd "$(dirname "$0")/.."
mixed=""
if [ "${1:-}" = "--mixed" ]; then mixed=1; shift; fi
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
load=${LOAD:-$work/load}
[ -n "${LOAD:-}" ] || go build -o "$load" ./bench/load
export CAPDO_BENCH_PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
accounts=20
for i in $(seq -w 1 $accounts) ""; do
  printf '%s' "$CAPDO_BENCH_PASSWORD" | "$work/capdo" users add --db "$db" --username "bench$i" --role operator \
    --org "Sở Thông tin và Truyền thông" --parent "UBND tỉnh Kiên Giang" --password-stdin >/dev/null 2>>"$work/users.log"
done
# The first server creates the audit key; the second is started with the same file.
for i in 0 1; do
  "$work/capdo" serve --addr "127.0.0.1:$((port + i))" --db "$db" --audit-key "$work/audit.key" \
    >"$work/serve$i.out" 2>"$work/serve$i.log" &
  pids+=($!)
  for _ in $(seq 200); do
    grep -q "đang chạy" "$work/serve$i.out" 2>/dev/null && break
    sleep 0.1
  done
done
echo "capdo $(go version | awk '{print $3}') on $(nproc) cores, two servers on one PostgreSQL database"
run() { # run SERVER ARGS…: one load process against server 0 or 1
  "$load" -url "http://127.0.0.1:$((port + $1))" "${@:2}" >"$work/load$1.out" 2>&1
}
status=0
if [ -n "$mixed" ]; then
  users=${1:-200}
  dur=${2:-60s}
  think=${3:-1s}
  half=$((users / 2))
  run 0 -mode mixed -user bench -accounts $accounts -users "$half" -duration "$dur" -think "$think" -seed 150 &
  l0=$!
  run 1 -mode mixed -user bench -accounts $accounts -users "$((users - half))" -duration "$dur" -think "$think" -seed 150 &
  l1=$!
else
  dur=${1:-10s}
  conc=${2:-16}
  half=$((conc / 2))
  "$load" -url "http://127.0.0.1:$port" -user bench -seed 1000 -duration 1ms -c 1 | grep seeded
  run 0 -user bench -seed 0 -duration "$dur" -c "$half" &
  l0=$!
  run 1 -user bench -seed 0 -duration "$dur" -c "$((conc - half))" &
  l1=$!
fi
wait "$l0" || status=1
wait "$l1" || status=1
echo "server A:"; cat "$work/load0.out"
echo "server B:"; cat "$work/load1.out"
exit $status
