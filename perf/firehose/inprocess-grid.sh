#!/usr/bin/env bash
# (a) In-process throughput grid: IngestPipeline + sharded brand actors + SQLite, no HTTP.
# Usage: perf/firehose/inprocess-grid.sh [RESULTS_DIR] [RUNS] [CELLS]   (from the repository root, after a Release build)
# CELLS: space-separated cell names to run (default: all).
set -euo pipefail
out=${1:-/tmp/firehose-results/inprocess}
runs=${2:-3}
cells=${3:-}
mkdir -p "$out"
EB="dotnet perf/StreamEngine.EngineBenchmark/bin/Release/net10.0/StreamEngine.EngineBenchmark.dll"
# A warm-up under ~10 s leaves part of the measured window to tier-0 JIT code (runs read 20-25 % low).
common="--duration 10 --warmup 12 --pool-posts 200000 --seed 42"

run() { # name, env, args...
  local name=$1 env=$2; shift 2
  if [ -n "$cells" ] && [[ " $cells " != *" $name "* ]]; then return; fi
  for i in $(seq 1 "$runs"); do
    echo "== $name run $i: $env $EB run $common $*"
    # A cell's own options come last, so they override the common ones.
    env $env timeout 200 $EB run $common "$@" --label "$name" --json "$out/$name.$i.json" | sed -n '4,12p'
  done
}

run b10-c10-k1000      "" --brands 10    --concepts-per-brand 10  --batch 1000
run b100-c10-k1000     "" --brands 100   --concepts-per-brand 10  --batch 1000
run b1000-c10-k100     "" --brands 1000  --concepts-per-brand 10  --batch 100
run b1000-c10-k1000    "" --brands 1000  --concepts-per-brand 10  --batch 1000
run b1000-c10-k5000    "" --brands 1000  --concepts-per-brand 10  --batch 5000
run b1000-c1-k1000     "" --brands 1000  --concepts-per-brand 1   --batch 1000
run b1000-c100-k1000   "" --brands 1000  --concepts-per-brand 100 --batch 1000
# Rounds at 10,000 brands take 6-8 s to journal: 10 s would hold only two to four of them.
run b10000-c10-k1000   "" --brands 10000 --concepts-per-brand 10  --batch 1000 --duration 45
run b1000-c10-k1000-wks "DOTNET_gcServer=0" --brands 1000 --concepts-per-brand 10 --batch 1000
run b1000-c10-k1000-nonconc "DOTNET_gcConcurrent=0" --brands 1000 --concepts-per-brand 10 --batch 1000
run demo-model-k1000   "" --model config/model.yaml --batch 1000
# Post size: the same 100-brand model with 30 and 100 extra words per post.
run b100-c10-k1000-w30  "" --brands 100   --concepts-per-brand 10  --batch 1000 --extra-words 30
run b100-c10-k1000-w100 "" --brands 100   --concepts-per-brand 10  --batch 1000 --extra-words 100
# Concepts per brand at the top of the range.
run b10-c1000-k1000    "" --brands 10    --concepts-per-brand 1000 --batch 1000
