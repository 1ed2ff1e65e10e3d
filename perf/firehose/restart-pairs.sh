#!/usr/bin/env bash
# Restarts of builds in turn on copies of one filled store: for each start, seconds to ready and to
# every brand answering (await-brands), the model's load and the journal read's own time (host log),
# the brands' recovery (host log) and the host's CPU seconds when the last brand answered.
# Usage: perf/firehose/restart-pairs.sh STORE_DIR MODEL ROUNDS HOST_DLL... [RESULTS_DIR via $OUT]
#   STORE_DIR: a data dir a node filled and stopped (e.g. recovery-runs.sh's fill, kept)
#   HOST_DLL:  StreamEngine.Host.dll of each build (build output or `dotnet publish` directory)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
store=$1 model=$2 rounds=$3; shift 3
out=${OUT:-/tmp/firehose-results/restarts}
mkdir -p "$out"
for round in $(seq 1 "$rounds"); do
  build=0
  for dll in "$@"; do
    build=$((build + 1))
    data=$(mktemp -d /tmp/se-restart-XXXX)
    cp -r "$store"/. "$data"
    log="$out/build$build.round$round.log"
    HOST_DLL=$dll start_host "$data" "$model" "$log"
    answer=$($LG await-brands --url "http://127.0.0.1:$HOST_PORT" --timeout 110 --parallel 32 --since-unix-ms "$HOST_STARTED_MS")
    cpu=$(awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$HOST_PID/stat")
    stop_host TERM
    rm -rf "$data"
    ready=$(grep -o 'ready after [0-9.]*' <<<"$answer" | cut -d' ' -f3)
    answered=$(grep -o 'answered after [0-9.]*' <<<"$answer" | cut -d' ' -f3)
    loaded=$(grep -ao 'loaded in [0-9.]* s' "$log" | head -1 | cut -d' ' -f3)
    read=$(grep -ao 'read in [0-9.]* s' "$log" | head -1 | cut -d' ' -f3)
    recovered=$(grep -ao 'recovered in [0-9.]* s' "$log" | head -1 | cut -d' ' -f3)
    echo "build $build ($dll) round $round: ready ${ready:-?} s, every brand answered ${answered:-?} s, model ${loaded:-?} s, journal read ${read:-?} s, recovered ${recovered:-?} s, host CPU $cpu s" | tee -a "$out/restarts.txt"
  done
done
