#!/usr/bin/env bash
# Restarts of builds in turn on copies of one filled store: for each start, seconds to ready and to
# every brand answering (await-brands), the model's load and the journal read's own time (host log),
# the brands' recovery (host log) and the host's CPU seconds once await-brands returned. The builds
# take turns in one order in odd rounds and in the other in even rounds.
# Usage: perf/firehose/restart-pairs.sh STORE_DIR MODEL ROUNDS HOST_DLL [HOST_DLL...]   (results in $OUT)
#   STORE_DIR: a data dir a node filled and stopped (recovery-runs.sh keeps its fills under $KEEP)
#   HOST_DLL:  StreamEngine.Host.dll of each build (build output or `dotnet publish` directory)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ $# -lt 4 ]; then
  sed -n '2,8p' "$0" >&2
  exit 2
fi
store=$1 model=$2 rounds=$3; shift 3
out=${OUT:-/tmp/firehose-results/restarts}
mkdir -p "$out"
data=""
trap 'stop_host KILL; [ -n "$data" ] && rm -rf "$data"' EXIT
ticks=$(getconf CLK_TCK)

# The first match of a host log line's figure, or "?" when the log has no such line.
figure() { grep -m1 -ao "$1 [0-9.]* s" "$2" | cut -d' ' -f3 || true; }

dlls=("$@")
for round in $(seq 1 "$rounds"); do
  order=$(seq 1 ${#dlls[@]})
  [ $((round % 2)) -eq 0 ] && order=$(seq ${#dlls[@]} -1 1)
  for build in $order; do
    dll=${dlls[$((build - 1))]}
    data=$(mktemp -d /tmp/se-restart-XXXX)
    cp -r "$store"/. "$data"
    name="build$build.round$round"
    log="$out/$name.log"
    HOST_DLL=$dll start_host "$data" "$model" "$log"
    answer=$($LG await-brands --url "http://127.0.0.1:$HOST_PORT" --timeout 110 --parallel 32 --since-unix-ms "$HOST_STARTED_MS" | tee "$out/$name.await.txt")
    cpu=$(awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$HOST_PID/stat")
    stop_host TERM
    rm -rf "$data"; data=""
    ready=$(grep -o 'ready after [0-9.]*' <<<"$answer" | cut -d' ' -f3 || true)
    answered=$(grep -o 'answered after [0-9.]*' <<<"$answer" | cut -d' ' -f3 || true)
    recovered=$(grep -m1 -ao 'All [0-9]* brands recovered in [0-9.]* s' "$log" | grep -o '[0-9.]* s$' | cut -d' ' -f1 || true)
    echo "build $build ($dll) round $round: ready ${ready:-?} s, every brand answered ${answered:-?} s, model $(figure 'loaded in' "$log" | grep . || echo ?) s, journal read $(figure 'read in' "$log" | grep . || echo ?) s, all brands recovered ${recovered:-?} s, host CPU $cpu s" | tee -a "$out/restarts.txt"
  done
done
