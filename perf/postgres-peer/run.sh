#!/usr/bin/env bash
# The PostgreSQL peer, RUNS times per model: a throwaway PostgreSQL 15 per run (started as the postgres user
# on a free loopback port, removed afterwards), the same firehose (seed 42) and model as the engine runs.
# Usage: perf/postgres-peer/run.sh [RUNS] [RESULTS_DIR]   (repository root, after a Release build)
set -euo pipefail
runs=${1:-3} out=${2:-/tmp/firehose-results/peer}
mkdir -p "$out"
PEER="dotnet perf/postgres-peer/bin/Release/net10.0/StreamEngine.PostgresPeer.dll"
LG="dotnet perf/StreamEngine.LoadGenerator/bin/Release/net10.0/StreamEngine.LoadGenerator.dll"
[ -f "$out/model-1000.yaml" ] || $LG model --out "$out/model-1000.yaml" --brands 1000 --concepts-per-brand 10
for i in $(seq 1 "$runs"); do
  echo "== demo8 run $i"
  timeout 115 $PEER --model config/model.yaml --posts 200000 --batch 1000 --connections 2 --pollers 4 --query-seconds 10 \
    --rate-fraction 0.8 --seed 42 --json "$out/demo8.$i.json"
  echo "== synth1000 run $i"
  timeout 115 $PEER --model "$out/model-1000.yaml" --posts 20000 --batch 1000 --connections 2 --pollers 4 --query-seconds 10 \
    --rate-fraction 0.8 --seed 42 --json "$out/synth1000.$i.json"
done
