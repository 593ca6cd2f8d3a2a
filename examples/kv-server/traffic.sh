#!/usr/bin/env bash
# The workload of kv-server's tests, run once against a build: what a
# learn build must see to write its profile (docs/authoring.md).
#   traffic.sh KV_SERVER_BINARY REPORT_FILE
# Starts the server on a free port with its reports (stderr) going to
# REPORT_FILE, runs clients in parallel (each in a thread of the server),
# then stops it with SIGTERM and waits for it.  Exit 0 when it served and
# stopped cleanly.
set -euo pipefail
server=$1 reports=$2
. "$(dirname "$0")/../common/start_daemon.sh"
start_daemon kv-server "$server" "$reports"
pid=$DAEMON_PID out=$DAEMON_OUT port=$PORT

# One client: SET, GET, DEL, COUNT of its own keys; checks every answer.
client() {
  local id=$1 answer fd
  exec {fd}<>"/dev/tcp/127.0.0.1/$port"
  for k in 1 2 3 4 5; do
    printf 'SET c%s-k%s v%s\n' "$id" "$k" "$k" >&"$fd"
    IFS= read -r -t 5 -u "$fd" answer && [ "$answer" = OK ] || return 1
    printf 'GET c%s-k%s\n' "$id" "$k" >&"$fd"
    IFS= read -r -t 5 -u "$fd" answer && [ "$answer" = "VALUE v$k" ] || return 1
  done
  printf 'DEL c%s-k1\nCOUNT\n' "$id" >&"$fd"
  IFS= read -r -t 5 -u "$fd" answer && [ "$answer" = OK ] || return 1
  IFS= read -r -t 5 -u "$fd" answer && [[ "$answer" == COUNT* ]] || return 1
  exec {fd}>&-
}

pids=()
for id in 1 2 3 4 5 6 7 8; do
  client "$id" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
kill -TERM "$pid"
wait "$pid"
grep -q '^kv-server: stopping on SIGTERM after 8 clients$' "$out"
