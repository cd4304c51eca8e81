#!/usr/bin/env bash
# capdo rerate beside the floor, in the same run: a generated inventory (bench/invgen) read
# and written back by a bare encoding/csv program (bench/csvfloor), then re-rated by
# `capdo rerate` into a CSV report. Prints the best wall time and CPU time (user + system,
# every core) of each over RUNS runs, and the ratios. On a shared machine CPU time is the
# steadier measure; wall time shows what a user waits for (capdo rates on every core).
# Usage: bench/rerate.sh [ROWS] [RUNS] [RULES]      e.g. bench/rerate.sh 100000 7 d331-2026
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
runs=${2:-7}
rules=${3:-d85-2016}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/capdo" ./cmd/capdo
go build -o "$work/csvfloor" ./bench/csvfloor
go run ./bench/geninventory -rows "$rows" >"$work/danh-muc.csv"
echo "capdo $(go version | awk '{print $3}') on $(nproc) cores; $rows rows ($(du -h "$work/danh-muc.csv" | cut -f1)), rules $rules, best of $runs"

# best CMD…: runs the command $runs times; prints the least wall and the least CPU seconds.
best() {
  local wall=999 cpu=999 w u s
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
    read -r w u s <"$work/time"
    wall=$(awk -v a="$wall" -v b="$w" 'BEGIN { print (b < a) ? b : a }')
    cpu=$(awk -v a="$cpu" -v b="$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" 'BEGIN { print (b < a) ? b : a }')
  done
  echo "$wall $cpu"
}

read -r fw fc < <(best "$work/csvfloor" "$work/danh-muc.csv" "$work/ban-sao.csv")
read -r cw cc < <(best "$work/capdo" rerate --rules "$rules" --out "$work/bao-cao.csv" "$work/danh-muc.csv")
printf 'encoding/csv read+write   wall %5.2f s   cpu %5.2f s\n' "$fw" "$fc"
printf 'capdo rerate → .csv       wall %5.2f s   cpu %5.2f s\n' "$cw" "$cc"
awk -v fw="$fw" -v fc="$fc" -v cw="$cw" -v cc="$cc" \
  'BEGIN { printf "ratio                     wall %5.1f×    cpu %5.1f×   (target ≤ 3×, aim 2×)\n", cw / fw, cc / fc }'
