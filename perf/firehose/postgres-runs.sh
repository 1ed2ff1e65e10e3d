#!/usr/bin/env bash
# A node on PostgreSQL driven over HTTP, RUNS times: a throwaway PostgreSQL 15 (started as the postgres user
# on a free loopback port, removed afterwards), a fresh database and node each run, a synthetic model of
# BRANDS brands, `drive --rate max` over CONNECTIONS connections of 1,000 posts (12 s warm-up, 20 s measured).
# Prints the drive's requests and sustained lines, journal rows a second and WAL bytes a row (10 s, from
# 25 s into the drive), and how many writes the journal refused for want of room in its queue.
# With RESTARTS=N the node is then started again N times on that store, each of the builds in RESTART_DLLS
# (host dlls, default $HOST_DLL) in turn, and `await-brands` times until ready and every brand answered;
# the node's CPU seconds are read when every brand has answered.
# Usage: [RESTARTS=N [RESTART_DLLS="A.dll B.dll"]] perf/firehose/postgres-runs.sh BRANDS CONCEPTS_PER_BRAND CONNECTIONS [RUNS]
#        (repository root, after a Release build)
set -euo pipefail
brands=$1 concepts=$2 connections=$3 runs=${4:-1}
source perf/firehose/lib.sh
export PATH="$PATH:/usr/lib/postgresql/15/bin"
pg=$(mktemp -d /tmp/se-postgres-XXXX) pg_port=$(free_port) work=$(mktemp -d /tmp/se-pgruns-XXXX)
chmod 755 "$pg"; chown postgres "$pg"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env PATH="$PATH" "$@"; else "$@"; fi; }
as_postgres initdb -D "$pg/data" -A trust -U postgres --no-sync -E UTF8 >/dev/null
as_postgres pg_ctl -D "$pg/data" -w -l "$pg/log" -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1" start >/dev/null
trap 'stop_host KILL; as_postgres pg_ctl -D "$pg/data" -m immediate -w stop >/dev/null; rm -rf "$pg" "$work"' EXIT
sql() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$pg_port" -U postgres -qtA "$@"; }
$LG model --out "$work/model.yaml" --brands "$brands" --concepts-per-brand "$concepts" >/dev/null 2>&1
for i in $(seq 1 "$runs"); do
  sql -c "DROP DATABASE IF EXISTS se WITH (FORCE)" -c "CREATE DATABASE se"
  HOST_ARGS="--postgres Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=se" start_host "$work/data" "$work/model.yaml" "$work/node.$i.log"
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$HOST_PORT/health/ready" >/dev/null && break; sleep 0.2; done
  $LG drive --url "http://127.0.0.1:$HOST_PORT" --model "$work/model.yaml" --rate max --connections "$connections" --batch 1000 \
    --warmup 12 --duration 20 --pool-posts 200000 --seed 42 >"$work/drive.$i.txt" 2>&1 &
  drive=$!
  sleep 25; a=$(sql -d se -c "SELECT pg_current_wal_lsn() - '0/0', coalesce(max(ordering), 0) FROM journal")
  sleep 10; b=$(sql -d se -c "SELECT pg_current_wal_lsn() - '0/0', coalesce(max(ordering), 0) FROM journal")
  # The drive's output is in $work, which the exit removes: shown before a failed drive stops the runs.
  wait $drive || { cat "$work/drive.$i.txt" >&2; echo "== run $i: the drive failed; no further runs" >&2; exit 1; }
  stop_host
  echo "== run $i: $brands brands, $connections connections"
  grep -E '^(requests|sustained)' "$work/drive.$i.txt"
  python3 -c "import sys; a,b=[list(map(float,x.split('|'))) for x in sys.argv[1:]]; r=b[1]-a[1]; print(f'journal           {r/10:,.0f} rows/s, WAL {(b[0]-a[0])/max(r,1):,.0f} B a row')" "$a" "$b"
  echo "refused writes    $(grep -c 'queue buffer was full' "$work/node.$i.log" || true)"
  built=$HOST_DLL
  [ "${RESTARTS:-0}" = 0 ] || echo "store             $(sql -d se -c "SELECT count(*) || ' journal rows of ' || count(DISTINCT persistence_id) || ' brands, ' || (SELECT count(*) FROM snapshot) || ' snapshots' FROM journal")"
  for r in $(seq 1 "${RESTARTS:-0}"); do
    for HOST_DLL in ${RESTART_DLLS:-$built}; do
      HOST_ARGS="--postgres Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=se" start_host "$work/data" "$work/model.yaml" "$work/restart.$i.$r.log"
      echo "restart $r ($HOST_DLL): $($LG await-brands --url "http://127.0.0.1:$HOST_PORT" --timeout 300 --parallel 32 --since-unix-ms "$HOST_STARTED_MS" 2>&1 | tail -1); node CPU $(awk '{print ($14+$15)/100}' "/proc/$HOST_PID/stat") s"
      stop_host
    done
  done
  HOST_DLL=$built
done
