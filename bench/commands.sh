#!/usr/bin/env bash
# Whole-command timings: capdo classify, capdo dossier and capdo rerate on a generated
# 100,000-row inventory, each as a user runs it (process start included).
# Usage: bench/commands.sh [RUNS]      e.g. bench/commands.sh 50
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/capdo" ./cmd/capdo
echo "capdo $(go version | awk '{print $3}') on $(nproc) cores"

# per_run CMD… : runs the command $runs times and prints the mean wall time.
per_run() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  awk -v ns=$((end - start)) -v n="$runs" 'BEGIN { printf "%.1f ms/run", ns / n / 1e6 }'
}

profile=testdata/examples/he-thong-co-phan-he.yaml
echo "classify (text)     $(per_run "$work/capdo" classify "$profile")"
echo "classify (json)     $(per_run "$work/capdo" classify --format json "$profile")"
echo "dossier (5 DOCX)    $(per_run "$work/capdo" dossier --out "$work/hs" testdata/examples/dich-vu-cong-tinh.yaml)"

# A 100,000-row inventory in the contract's columns.
{
  echo "id,name,owner,system_type,info_types,online_public_service_level,personal_data_users,infra_scope,ics_work_grade,approved_level"
  awk 'BEGIN {
    for (i = 0; i < 100000; i++) {
      k = i % 4
      if (k == 0) row = sprintf("citizen_business,public;private;personal,%d,%d,,,3", i % 5, (i * 7) % 40000)
      if (k == 1) row = sprintf("internal,private;personal,0,%d,,,2", (i * 7) % 40000)
      if (k == 2) row = sprintf("infrastructure,private,0,0,province,,%d", 1 + i % 5)
      if (k == 3) row = sprintf("industrial_control,private,0,0,,I,%d", 1 + i % 5)
      printf "HT-%06d,Hệ thống số %d,UBND tỉnh Kiên Giang,%s\n", i, i, row
    }
  }'
} >"$work/danh-muc.csv"
for ext in csv xlsx json; do
  start=$(date +%s%N)
  "$work/capdo" rerate --out "$work/bao-cao.$ext" "$work/danh-muc.csv" >/dev/null
  end=$(date +%s%N)
  awk -v ns=$((end - start)) -v ext="$ext" 'BEGIN { printf "rerate 100,000 rows → .%-4s %.2f s\n", ext, ns / 1e9 }'
done
