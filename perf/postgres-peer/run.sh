#!/usr/bin/env bash
# The PostgreSQL peer, RUNS times per model: a throwaway PostgreSQL 15 per run (started as the postgres user
# on a free loopback port, removed afterwards), the same firehose (seed 42) and model as the engine runs.
# After each peer run, unless ENGINE=0, the engine takes the same model over HTTP on a fresh node
# (`drive --rate max`, 8 connections of 1,000 posts, 12 s warm-up, 20 s measured), and the line
# "ratio" gives the engine's accepted posts/s over the peer's at max: the comparison in one run.
# Usage: [ENGINE=0] [PEER_TIMEOUT=600] perf/postgres-peer/run.sh [RUNS] [RESULTS_DIR]   (repository root, after a Release build)
# A peer run still going after PEER_TIMEOUT seconds is stopped, and the script says so and exits 1.
set -euo pipefail
runs=${1:-3} out=${2:-/tmp/firehose-results/peer}
mkdir -p "$out"
PEER="dotnet perf/postgres-peer/bin/Release/net10.0/StreamEngine.PostgresPeer.dll"
source perf/firehose/lib.sh

engine() { # engine MODEL NAME: the engine over HTTP at max on a fresh node; writes $out/NAME.engine.json
  local data; data=$(mktemp -d /tmp/peer-engine-XXXX)
  start_host "$data" "$1" "$out/$2.engine.log"
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$HOST_PORT/health/ready" >/dev/null && break; sleep 0.2; done
  $LG drive --url "http://127.0.0.1:$HOST_PORT" --model "$1" --rate max --connections 8 --batch 1000 --warmup 12 --duration 20 \
    --pool-posts 200000 --seed 42 --json "$out/$2.engine.json" | grep -E '^(sustained|accepted)'
  stop_host
  rm -rf "$data"
}

peer() { # peer NAME ARGS...: one peer run, bounded by PEER_TIMEOUT
  local name=$1; shift
  local status=0
  timeout "${PEER_TIMEOUT:-600}" $PEER "$@" --json "$out/$name.json" || status=$?
  if [ "$status" = 124 ]; then
    echo "the PostgreSQL peer's $name run did not finish within ${PEER_TIMEOUT:-600} s (a slow or busy machine: raise PEER_TIMEOUT)" >&2
    exit 1
  elif [ "$status" != 0 ]; then
    echo "the PostgreSQL peer's $name run failed (exit $status)" >&2
    exit 1
  fi
}

ratio() { # ratio NAME: the engine's posts/s over the peer's
  python3 - "$out/$1.json" "$out/$1.engine.json" <<'PY'
import json, sys
peer = json.load(open(sys.argv[1]))["ingest"]["postsPerSecond"]
engine = json.load(open(sys.argv[2]))["acceptedPerSecond"]
print(f"ratio             engine {engine:,.0f} posts/s over HTTP / PostgreSQL {peer:,.0f} posts/s at max = {engine / peer:.1f}x")
PY
}

[ -f "$out/model-1000.yaml" ] || $LG model --out "$out/model-1000.yaml" --brands 1000 --concepts-per-brand 10
for i in $(seq 1 "$runs"); do
  echo "== demo8 run $i"
  peer "demo8.$i" --model config/model.yaml --posts 200000 --batch 1000 --connections 2 --pollers 4 --query-seconds 10 \
    --rate-fraction 0.8 --seed 42
  if [ "${ENGINE:-1}" != 0 ]; then engine config/model.yaml "demo8.$i"; ratio "demo8.$i"; fi
  echo "== synth1000 run $i"
  peer "synth1000.$i" --model "$out/model-1000.yaml" --posts 20000 --batch 1000 --connections 2 --pollers 4 --query-seconds 10 \
    --rate-fraction 0.8 --seed 42
  if [ "${ENGINE:-1}" != 0 ]; then engine "$out/model-1000.yaml" "synth1000.$i"; ratio "synth1000.$i"; fi
done
