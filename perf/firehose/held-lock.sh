#!/usr/bin/env bash
# held-lock.sh HOLD_SECONDS [HOST_DLL]: what a node answers while its store holds writes up. Needs a
# Release build (`dotnet build -c Release StreamEngine.sln`) and python3. Starts a node on the demo
# model, sends 5 posts naming acme and hooli (two brands, each the other's rival), then 20 more
# while another process holds the SQLite file's write lock for HOLD_SECONDS, and prints each answer
# and how long it took; on any answer but 200 it sends the 20 again once the lock is free. Then
# restarts the node and prints how many journal rows acme has and both brands' 24 h mentions: 25
# each if every post counted once, even when a round was journaled for one brand and not the other.
# HOST_DLL as in lib.sh (the argument wins).
set -euo pipefail
cd "$(dirname "$0")/../.."
hold=${1:?hold seconds}
HOST_DLL=${2:-${HOST_DLL:-src/StreamEngine.Host/bin/Release/net10.0/StreamEngine.Host.dll}}
source perf/firehose/lib.sh

work=$(mktemp -d /tmp/held-lock-XXXX)
data=$work/data
holder=""
finish() {
  stop_host KILL
  [ -z "$holder" ] || kill "$holder" 2>/dev/null || true
  rm -rf "$work"
}
trap finish EXIT

wait_ready() {
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$HOST_PORT/api/brands" >/dev/null && return 0; sleep 0.2; done
  echo "the node did not start; its log:" >&2; tail -20 "$1" >&2; exit 1
}

posts() { # posts FROM TO: one post for acme and hooli each, created now
  local now; now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for i in $(seq "$1" "$2"); do
    printf '{"id":"held-%d","network":"x","createdAt":"%s","text":"I love acme and hooli %d","lang":"en","author":{"id":"a%d","followers":10}}\n' "$i" "$now" "$i" "$i"
  done
}

send() { # send FILE: prints "HTTP code after s: body"; fails unless 200
  local started code; started=$(date +%s%N)
  code=$(curl -s -o "$work/answer" -w '%{http_code}' -X POST --data-binary @"$1" "http://127.0.0.1:$HOST_PORT/api/ingest")
  python3 -c 'import sys; print(f"HTTP {sys.argv[1]} after {(int(sys.argv[3]) - int(sys.argv[2])) / 1e9:.1f} s: ", end="")' "$code" "$started" "$(date +%s%N)"
  cat "$work/answer"; echo
  [ "$code" = 200 ]
}

start_host "$data" config/model.yaml "$work/host.log"
wait_ready "$work/host.log"
posts 1 5 > "$work/first"; posts 6 25 > "$work/held"
echo -n "first 5 posts: "; send "$work/first"

# The holder says when it has the lock, so the 20 posts are sent only once it is held.
mkfifo "$work/held-signal"
python3 - "$data/streamengine.db" "$hold" "$work/held-signal" <<'PY' &
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN IMMEDIATE")
with open(sys.argv[3], "w") as signal:
    signal.write("held\n")
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
PY
holder=$!
read -r _ < "$work/held-signal"
echo -n "20 posts sent while the lock is held: "
if send "$work/held"; then sent_again=no; else sent_again=yes; fi
wait "$holder"; holder=""
if [ "$sent_again" = yes ]; then echo -n "the 20 sent again: "; send "$work/held" || true; fi

stop_host TERM
start_host "$data" config/model.yaml "$work/host.2.log"
wait_ready "$work/host.2.log"
summary=""
for _ in $(seq 1 100); do summary=$(curl -sf "http://127.0.0.1:$HOST_PORT/api/brands/acme/summary?window=24h") && break; sleep 0.2; done
hooli=$(curl -sf "http://127.0.0.1:$HOST_PORT/api/brands/hooli/summary?window=24h" || true)
stop_host TERM
python3 - "$data/streamengine.db" "$summary" "$hooli" <<'PY'
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("select count(*) from journal where persistence_id = 'brand-acme'").fetchone()[0]
print(f"journal rows of brand-acme: {rows}")
for brand, answer in (("acme", sys.argv[2]), ("hooli", sys.argv[3])):
    print(f"{brand}'s mentions after a restart: {json.loads(answer)['mentions'] if answer else 'no answer'} (25 posts sent)")
PY
