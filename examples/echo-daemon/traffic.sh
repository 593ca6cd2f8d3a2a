#!/usr/bin/env bash
# The workload of echo-daemon's tests, run once against a build: what a
# learn build must see to write its profile (docs/authoring.md).
#   traffic.sh ECHO_DAEMON_BINARY REPORT_FILE
# Starts the daemon on a free port with its reports (stderr) going to
# REPORT_FILE; echoes lines from two clients, one longer than the daemon's
# buffer; stops and continues it (an interrupted poll resumes); then stops
# it with SIGTERM.  Exit 0 when it echoed everything and stopped cleanly.
set -euo pipefail
daemon=$1 reports=$2
. "$(dirname "$0")/../common/start_daemon.sh"
start_daemon echo-daemon "$daemon" "$reports"
pid=$DAEMON_PID out=$DAEMON_OUT port=$PORT

long=$(head -c 3000 /dev/zero | tr '\0' x)
exec {a}<>"/dev/tcp/127.0.0.1/$port" {b}<>"/dev/tcp/127.0.0.1/$port"
for line in hello "$long"; do
  printf '%s\n' "$line" >&"$a"
  IFS= read -r -t 5 -u "$a" answer && [ "$answer" = "$line" ]
done
printf 'second\n' >&"$b"
IFS= read -r -t 5 -u "$b" answer && [ "$answer" = second ]
kill -STOP "$pid"
sleep 0.1
kill -CONT "$pid"
printf 'after\n' >&"$b"
IFS= read -r -t 5 -u "$b" answer && [ "$answer" = after ]
exec {a}>&- {b}>&-
sleep 0.1
kill -TERM "$pid"
wait "$pid"
grep -q '^echo-daemon: stopping on SIGTERM' "$out"
