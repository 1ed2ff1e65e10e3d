#!/usr/bin/env bash
# (c) Host RSS with every brand holding 24 h of minute buckets and 30 days of hour buckets: two sweeps,
# each post naming K brands: one post every STEP minutes back through 30 days (STEP=60: one an hour), then
# one a minute back through the last 24 h. Set HOST_ARGS=--history-in-memory to compare without the
# history store, KEEP_HOST=1 to leave the host running after the measurement.
# Usage: perf/firehose/month-rss.sh BRANDS K [STEP] [RESULTS_DIR]   e.g. month-rss.sh 10000 50 60
set -euo pipefail
source "$(dirname "$0")/lib.sh"
brands=$1 k=$2 step=${3:-60} out=${4:-/tmp/firehose-results/month-rss}
mkdir -p "$out"
label="$brands-$k-$step${HOST_ARGS:+-$(echo "$HOST_ARGS" | tr -d ' -')}"
model="$out/model-$brands.yaml"
$LG model --out "$model" --brands "$brands" --concepts-per-brand 10 >/dev/null
data=$(mktemp -d /tmp/se-month-XXXX)
start_host "$data" "$model" "$out/$label.host.log"
$LG await-brands --url "http://127.0.0.1:$HOST_PORT" --timeout 110 | tee "$out/$label.txt"
echo "RSS with every brand actor started and empty: $(rss_mb "$HOST_PID") MB" | tee -a "$out/$label.txt"
groups=$(( (brands + k - 1) / k ))
sweep() { # MINUTES STEP
  local positions=$(( ($1 + $2 - 1) / $2 ))
  $LG drive --url "http://127.0.0.1:$HOST_PORT" --model "$model" --rate max --connections 2 --batch 1000 --warmup 0 --duration 1800 \
    --pool-posts $(( groups * positions )) --once --brand-pick sweep --brands-per-post "$k" --sweep-minutes "$1" --sweep-step-minutes "$2" \
    --unmatched-share 0 --late-share 0 --duplicate-share 0 --competitor-share 0 | grep -E "accepted |sustained|requests" | tee -a "$out/$label.txt"
}
started=$(date +%s)
sweep 43200 "$step"
sweep 1440 1
echo "both sweeps took $(( $(date +%s) - started )) s" | tee -a "$out/$label.txt"
sleep 5
b=$(curl -s "http://127.0.0.1:$HOST_PORT/api/brands" | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')
minutes=$(curl -s "http://127.0.0.1:$HOST_PORT/api/brands/$b/timeseries?window=24h&step=1m" | python3 -c 'import json,sys; print(sum(1 for p in json.load(sys.stdin)["points"] if p["mentions"]>0))')
hours=$(curl -s "http://127.0.0.1:$HOST_PORT/api/brands/$b/timeseries?window=30d&step=1h" | python3 -c 'import json,sys; print(sum(1 for p in json.load(sys.stdin)["points"] if p["mentions"]>0))')
echo "brand $b: $minutes of 1,440 minutes and $hours of 720 hours hold mentions" | tee -a "$out/$label.txt"
echo "RSS after the sweeps: $(rss_mb "$HOST_PID") MB (peak $(hwm_mb "$HOST_PID") MB)" | tee -a "$out/$label.txt"
curl -s "http://127.0.0.1:$HOST_PORT/metrics" | grep -E '^(system_runtime_dotnet_gc_last_collection_(heap_size|memory_committed_size)|streamengine_history|dotnet_collection_count_total)' | tee -a "$out/$label.txt"
if [ -n "${KEEP_HOST:-}" ]; then
  # Left running for a closer look (dotnet-gcdump, /metrics); stop it with: kill PID; rm -rf DATA
  echo "host left running: pid $HOST_PID, port $HOST_PORT, data $data"; trap - EXIT; exit 0
fi
stop_host
rm -rf "$data"
