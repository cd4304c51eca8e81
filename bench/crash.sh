#!/usr/bin/env bash
# Crash test: capdo killed with SIGKILL under concurrent writers loses no write it
# acknowledged. Builds capdo, then bench/crash starts it on a temporary database, lets
# WRITERS clients register systems, save versions and generate dossiers, kills it at a
# random moment, restarts it and reads every acknowledged write back; ROUNDS times.
# Exit status 1 if anything acknowledged is missing or the file fails integrity_check.
# Usage: bench/crash.sh [WRITERS] [ROUNDS] [RUN]      e.g. bench/crash.sh 20 3 5s
set -euo pipefail
cd "$(dirname "$0")/.."
writers=${1:-20}
rounds=${2:-3}
run=${3:-5s}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/capdo" ./cmd/capdo
go build -o "$work/crash" ./bench/crash
echo "capdo $(go version | awk '{print $3}') on $(nproc) cores: $writers writers, $rounds kills"
"$work/crash" -capdo "$work/capdo" -dir "$work" -writers "$writers" -rounds "$rounds" -run "$run"
