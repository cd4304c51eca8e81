#!/usr/bin/env bash
# Import benchmark: a generated 10,000-row inventory imported into a fresh database with
# capdo import — the dry run, the first import (10,000 systems created in one transaction),
# the same file again (every row compared, nothing written) and an import that updates every
# system — beside a bare encoding/csv read of the same file (bench/csvread), each as a user
# runs it (process start included), the best of RUNS. The machine's load shows in the wall
# times; the CPU times say what the work costs.
# Usage: bench/import.sh [ROWS] [RUNS]      e.g. bench/import.sh 10000 3
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/capdo" ./cmd/capdo
go build -o "$work/csvread" ./bench/csvread
echo "capdo $(go version | awk '{print $3}') on $(nproc) cores, $rows rows"

# inventory FILE SUFFIX: the inventory, names ending in SUFFIX (an update changes them all).
inventory() {
  {
    echo "id,name,owner,operator,system_type,info_types,online_public_service_level,personal_data_users,basic_pd_subjects,infra_scope,ics_work_grade,approved_level"
    awk -v n="$rows" -v sfx="$2" 'BEGIN {
      for (i = 0; i < n; i++) {
        k = i % 4
        if (k == 0) row = sprintf("citizen_business,public;private;personal,%d,%d,%d,,,3", i % 5, (i * 7) % 400000, (i * 7) % 400000)
        if (k == 1) row = sprintf("internal,private;personal,0,%d,,,,2", (i * 7) % 40000)
        if (k == 2) row = sprintf("infrastructure,private,0,0,,province,,%d", 1 + i % 5)
        if (k == 3) row = sprintf("industrial_control,private,0,0,,,I,%d", 1 + i % 5)
        printf "HT-%06d,Hệ thống số %d%s,UBND tỉnh Kiên Giang,Sở Thông tin và Truyền thông,%s\n", i, i, sfx, row
      }
    }'
  } >"$1"
}
inventory "$work/danh-muc.csv" ""
inventory "$work/danh-muc-sua.csv" " (sửa)"

# best LABEL CMD…: the best wall time of $runs runs, with the CPU time (user + system) of
# that run, which a loaded machine inflates less (setup, when given, runs before each).
best() {
  local label=$1 min="" cpu="" t wall c
  shift
  for _ in $(seq "$runs"); do
    if [ -n "${setup:-}" ]; then eval "$setup"; fi
    t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1 || true; } 2>&1 )
    wall=$(echo "$t" | awk '{ print $1 }')
    c=$(echo "$t" | awk '{ print $2 + $3 }')
    if [ -z "$min" ] || awk -v a="$wall" -v b="$min" 'BEGIN { exit !(a < b) }'; then min=$wall; cpu=$c; fi
  done
  printf "%-44s %7.3f s wall  %7.3f s CPU\n" "$label" "$min" "$cpu"
  echo "$min" >"$work/last"
}

fresh() {
  rm -f "$work/capdo.db" "$work/capdo.db-wal" "$work/capdo.db-shm" "$work/capdo.db.key"
  printf 'mat-khau-do-hieu-nang-1' | "$work/capdo" users add --db "$work/capdo.db" --username bench --role operator \
    --org "Sở Thông tin và Truyền thông" --parent "UBND tỉnh Kiên Giang" --password-stdin >/dev/null 2>&1
}
imp() { "$work/capdo" import --db "$work/capdo.db" --org "Sở Thông tin và Truyền thông" "$@"; }

best "encoding/csv read (baseline)" "$work/csvread" "$work/danh-muc.csv"
base=$(cat "$work/last")
setup=fresh best "capdo import --dry-run (empty registry)" imp --dry-run "$work/danh-muc.csv"
dry=$(cat "$work/last")
setup=fresh best "capdo import (creates $rows systems)" imp "$work/danh-muc.csv"
create=$(cat "$work/last")
setup="" best "capdo import, same file (all unchanged)" imp "$work/danh-muc.csv"
setup="fresh; imp '$work/danh-muc.csv' >/dev/null 2>&1 || true" best "capdo import (updates $rows systems)" imp "$work/danh-muc-sua.csv"
awk -v b="$base" -v d="$dry" -v c="$create" 'BEGIN { printf "ratio to the bare read (wall): dry run %.1f×, import %.1f×\n", d / b, c / b }'
