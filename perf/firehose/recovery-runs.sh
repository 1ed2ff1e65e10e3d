#!/usr/bin/env bash
# (d) Recovery: restart to every brand answering, against brands and journal length (events per brand).
# Each ingest request names every brand once (round robin) and is sent alone, so each becomes about one
# journal event per brand; the events actually stored are counted from the SQLite file.
# Usage: perf/firehose/recovery-runs.sh "BRANDS:REQUESTS ..." [RESTARTS] [RESULTS_DIR]
# With KEEP=DIR, each filled data dir is kept as DIR/b<BRANDS>-r<REQUESTS> (for restart-pairs.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
specs=${1:-"100:20 100:150 1000:20 1000:150"} restarts=${2:-3} out=${3:-/tmp/firehose-results/recovery}
mkdir -p "$out"
for spec in $specs; do
  IFS=: read -r brands requests <<<"$spec"
  model="$out/model-$brands.yaml"
  [ -f "$model" ] || $LG model --out "$model" --brands "$brands" --concepts-per-brand 10
  data=$(mktemp -d /tmp/se-rec-XXXX)
  name="b$brands-r$requests"
  start_host "$data" "$model" "$out/$name.fill.log"
  $LG await-brands --url "http://127.0.0.1:$HOST_PORT" --timeout 110 >/dev/null
  $LG drive --url "http://127.0.0.1:$HOST_PORT" --model "$model" --rate max --connections 1 --batch "$brands" --warmup 0 --duration 110 \
    --pool-posts $((brands * requests)) --once --brand-pick roundrobin --lag-mean-s 600 \
    --unmatched-share 0 --late-share 0 --duplicate-share 0 --competitor-share 0 >"$out/$name.fill.txt"
  grep -E "sustained|requests" "$out/$name.fill.txt"
  stop_host TERM
  journal=$(python3 - "$data/streamengine.db" "$brands" <<'PY'
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
ev=c.execute("select count(*) from journal where deleted=0").fetchone()[0]
tables=[r[0] for r in c.execute("select name from sqlite_master where type='table'")]
snap=next((t for t in tables if 'snapshot' in t.lower()),None)
sn=c.execute(f'select count(*) from "{snap}"').fetchone()[0] if snap else 0
print(f"{ev/int(sys.argv[2]):.1f} events/brand ({ev} live journal rows), {sn} snapshots")
PY
)
  # Kept for restart-pairs.sh, which restarts builds in turn on copies of one fill.
  if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; rm -rf "${KEEP:?}/$name"; cp -r "$data" "$KEEP/$name"; fi
  size=$(du -sm "$data" | cut -f1)
  echo "$name: $journal; data dir $size MB" | tee "$out/$name.txt"
  for i in $(seq 1 "$restarts"); do
    start_host "$data" "$model" "$out/$name.restart.$i.log"
    $LG await-brands --url "http://127.0.0.1:$HOST_PORT" --timeout 110 --parallel 32 --since-unix-ms "$HOST_STARTED_MS" \
      --json "$out/$name.restart.$i.json" | tee -a "$out/$name.txt"
    echo "  RSS after recovery: $(rss_mb "$HOST_PID") MB" | tee -a "$out/$name.txt"
    stop_host TERM
  done
  rm -rf "$data"
done
