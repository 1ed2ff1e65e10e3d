# Shared helpers for the firehose measurement scripts (sourced, run from the repository root).
HOST_DLL=${HOST_DLL:-src/StreamEngine.Host/bin/Release/net10.0/StreamEngine.Host.dll}
LG=${LG:-"dotnet perf/StreamEngine.LoadGenerator/bin/Release/net10.0/StreamEngine.LoadGenerator.dll"}
HOST_PID=""
HOST_PORT=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_host DATA_DIR MODEL LOG: starts the Release host on a free loopback port, with $HOST_ARGS if set
# (e.g. HOST_ARGS=--history-in-memory); sets HOST_PID, HOST_PORT, HOST_STARTED_MS.
start_host() {
  HOST_PORT=$(free_port)
  HOST_STARTED_MS=$(date +%s%3N)
  # As README.md's "Running a node" starts one, unless the caller set the variable (to compare without it).
  DOTNET_JitScalableProfiling=${DOTNET_JitScalableProfiling-0} dotnet "$HOST_DLL" --urls "http://127.0.0.1:$HOST_PORT" --data-dir "$1" --model "$2" ${HOST_ARGS:-} >"$3" 2>&1 &
  HOST_PID=$!
}

# stop_host [signal]: stops the host started by start_host (SIGTERM: graceful, drains the graph) and waits for it.
stop_host() {
  [ -n "$HOST_PID" ] || return 0
  kill -"${1:-TERM}" "$HOST_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$HOST_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$HOST_PID" 2>/dev/null || true
  wait "$HOST_PID" 2>/dev/null || true
  HOST_PID=""
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# stage_metrics: the engine's per-stage and per-query histograms (sum and count) from /metrics.
stage_metrics() { curl -s "http://127.0.0.1:$HOST_PORT/metrics" | grep -E '^streamengine_(stage|query)_duration_seconds_(sum|count)|^streamengine_(posts|mentions)_[a-z_]*total' ; }

trap 'stop_host KILL' EXIT
