#!/usr/bin/env bash
# (b) Over HTTP: max sustained accepted posts/s, then ~80 % of it with dashboard pollers and freshness probes.
# Usage: perf/firehose/http-runs.sh MODEL_FILE NAME [RUNS] [RESULTS_DIR]  (repository root, Release build)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
model=$1 name=$2 runs=${3:-3} out=${4:-/tmp/firehose-results/http}
mkdir -p "$out"
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d /tmp/se-http-XXXX)
  start_host "$data" "$model" "$out/$name.host.$i.log"
  $LG await-brands --url "http://127.0.0.1:$HOST_PORT" --timeout 60 >/dev/null
  echo "== $name run $i: max rate (host pid $HOST_PID, port $HOST_PORT)"
  $LG drive --url "http://127.0.0.1:$HOST_PORT" --model "$model" --rate max --connections 4 --batch 1000 \
    --warmup 12 --duration 20 --pool-posts 200000 --seed 42 --json "$out/$name.max.$i.json" | tee "$out/$name.max.$i.txt"
  max=$(python3 -c "import json;print(int(json.load(open('$out/$name.max.$i.json'))['acceptedPerSecond']))")
  rate=$((max * 8 / 10))
  echo "== $name run $i: at 80 % = $rate posts/s with 4 pollers and freshness probes"
  $LG drive --url "http://127.0.0.1:$HOST_PORT" --model "$model" --rate "$rate" --connections 8 --batch 1000 \
    --warmup 12 --duration 20 --pool-posts 200000 --seed 43 --pollers 4 --poll-interval-ms 100 --probe \
    --json "$out/$name.p80.$i.json" | tee "$out/$name.p80.$i.txt"
  stage_metrics >"$out/$name.metrics.$i.txt"
  echo "host RSS after run: $(rss_mb "$HOST_PID") MB (peak $(hwm_mb "$HOST_PID") MB)" | tee -a "$out/$name.p80.$i.txt"
  stop_host
  rm -rf "$data"
done
