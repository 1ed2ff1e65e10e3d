#!/usr/bin/env bash
# (c) Host RSS against the number of brands holding 24 h of minute buckets: a burst of posts swept minute by
# minute across the last 24 h, each post naming K brands, so every brand gets a post in each of its 1,440 minutes.
# Usage: perf/firehose/rss-runs.sh "BRANDS:K:MINUTES ..." [RESULTS_DIR]   e.g. "100:5:1440 1000:20:1440"
set -euo pipefail
source "$(dirname "$0")/lib.sh"
specs=${1:-"100:5:1440 1000:20:1440"} out=${2:-/tmp/firehose-results/rss}
limit_mb=${RSS_LIMIT_MB:-12000}
mkdir -p "$out"
for spec in $specs; do
  IFS=: read -r brands k minutes <<<"$spec"
  model="$out/model-$brands.yaml"
  $LG model --out "$model" --brands "$brands" --concepts-per-brand 10
  data=$(mktemp -d /tmp/se-rss-XXXX)
  start_host "$data" "$model" "$out/rss-$brands.host.log"
  $LG await-brands --url "http://127.0.0.1:$HOST_PORT" --timeout 110 | tee "$out/rss-$brands.txt"
  sleep 2
  echo "brands $brands: RSS with every brand actor started and empty: $(rss_mb "$HOST_PID") MB" | tee -a "$out/rss-$brands.txt"
  groups=$(( (brands + k - 1) / k ))
  posts=$(( groups * minutes ))
  # A watchdog keeps a runaway host from taking the shared machine's memory.
  ( while kill -0 "$HOST_PID" 2>/dev/null; do r=$(rss_mb "$HOST_PID" 2>/dev/null || echo 0); if [ "${r:-0}" -gt "$limit_mb" ]; then echo "watchdog: RSS $r MB > $limit_mb MB, killing host" >>"$out/rss-$brands.txt"; kill -KILL "$HOST_PID"; fi; sleep 0.5; done ) &
  watchdog=$!
  if ! $LG drive --url "http://127.0.0.1:$HOST_PORT" --model "$model" --rate max --connections 2 --batch 1000 --warmup 0 --duration 110 \
    --pool-posts "$posts" --once --brand-pick sweep --brands-per-post "$k" --sweep-minutes "$minutes" \
    --unmatched-share 0 --late-share 0 --duplicate-share 0 --competitor-share 0 --json "$out/rss-$brands.drive.json" | tee -a "$out/rss-$brands.txt"; then
    kill "$watchdog" 2>/dev/null || true
    # A host the watchdog killed is this spec's result (too many brands for the limit); the next may fit.
    grep -q '^watchdog:' "$out/rss-$brands.txt" || exit 1
    echo "brands $brands: the host went over $limit_mb MB; next spec" | tee -a "$out/rss-$brands.txt"
    stop_host
    rm -rf "$data"
    continue
  fi
  sleep 5
  b=$(curl -s "http://127.0.0.1:$HOST_PORT/api/brands" | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')
  points=$(curl -s "http://127.0.0.1:$HOST_PORT/api/brands/$b/timeseries?window=24h&step=1m" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(1 for p in d["points"] if p["mentions"]>0))')
  echo "brands $brands: $posts posts x $k brands each over $minutes minutes; brand $b has $points non-empty minute buckets" | tee -a "$out/rss-$brands.txt"
  echo "brands $brands: RSS after the burst: $(rss_mb "$HOST_PID") MB (peak $(hwm_mb "$HOST_PID") MB)" | tee -a "$out/rss-$brands.txt"
  curl -s "http://127.0.0.1:$HOST_PORT/metrics" | grep -E '^(dotnet_total_memory_bytes|process_working_set_bytes|dotnet_collection_count_total)' >>"$out/rss-$brands.txt" || true
  stop_host
  kill "$watchdog" 2>/dev/null || true
  rm -rf "$data"
done
