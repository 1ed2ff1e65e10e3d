#!/usr/bin/env bash
# held-lock.sh HOLD_SECONDS [HOST_DLL]: a node on the embedded store, 5 posts for acme, then 20 more
# sent while another connection holds the SQLite file's write lock for HOLD_SECONDS. Prints the
# answer and how long it took; on a 503 sends the 20 again once the lock is free. Then restarts the
# node and prints the journal's rows for acme and acme's 24 h mentions: 25 if every post counted once.
set -euo pipefail
cd "$(dirname "$0")/../.."
hold=${1:?hold seconds}
HOST_DLL=${2:-src/StreamEngine.Host/bin/Release/net10.0/StreamEngine.Host.dll}
source perf/firehose/lib.sh

work=$(mktemp -d /tmp/held-lock-XXXX)
data=$work/data
log=$work/host.log

wait_ready() {
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$HOST_PORT/api/brands" >/dev/null && return 0; sleep 0.2; done
  echo "the node did not start: $log" >&2; exit 1
}

posts() { # posts FROM TO: one post for acme each, created now
  local now; now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for i in $(seq "$1" "$2"); do
    printf '{"id":"held-%d","network":"x","createdAt":"%s","text":"I love acme %d","lang":"en","author":{"id":"a%d","followers":10}}\n' "$i" "$now" "$i" "$i"
  done
}

send() { # send FILE: prints "HTTP code after s: body"
  local started code; started=$(date +%s.%N)
  code=$(curl -s -o "$work/answer" -w '%{http_code}' -X POST --data-binary @"$1" "http://127.0.0.1:$HOST_PORT/api/ingest")
  printf 'HTTP %s after %.1f s: %s\n' "$code" "$(echo "$(date +%s.%N) - $started" | bc)" "$(cat "$work/answer")"
  [ "$code" = 200 ]
}

start_host "$data" config/model.yaml "$log"
wait_ready
posts 1 5 > "$work/first"; posts 6 25 > "$work/held"
send "$work/first" >/dev/null

python3 - "$data/streamengine.db" "$hold" <<'PY' &
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
PY
holder=$!
sleep 1
echo -n "sent while the lock is held: "
if send "$work/held"; then sent_again=no; else sent_again=yes; fi
wait "$holder"
if [ "$sent_again" = yes ]; then echo -n "sent again: "; send "$work/held" || true; fi

stop_host TERM
start_host "$data" config/model.yaml "$log.2"
wait_ready
for _ in $(seq 1 100); do summary=$(curl -sf "http://127.0.0.1:$HOST_PORT/api/brands/acme/summary?window=24h") && break; sleep 0.2; done
stop_host TERM
echo "journal rows of brand-acme: $(sqlite3 "$data/streamengine.db" "select count(*) from journal where persistence_id = 'brand-acme'")"
echo "acme's mentions after a restart: $(echo "$summary" | python3 -c 'import json, sys; print(json.load(sys.stdin)["mentions"])') (25 posts sent)"
rm -rf "$work"
