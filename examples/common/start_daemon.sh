# start_daemon.sh - sourced by the examples' traffic.sh: starts a daemon
# that prints "NAME: listening on 127.0.0.1:PORT" and then "NAME: sandboxed
# by ...", and waits (10 s at most) for both.
#   start_daemon NAME BINARY REPORTS   sets DAEMON_PID and PORT, stdout in DAEMON_OUT
start_daemon() {
  local name=$1 binary=$2 reports=$3
  DAEMON_OUT=$(mktemp)
  trap 'rm -f "$DAEMON_OUT"' EXIT
  "$binary" --port 0 >"$DAEMON_OUT" 2>"$reports" 3>&- &
  DAEMON_PID=$!
  for _ in $(seq 200); do
    grep -q "^$name: sandboxed by " "$DAEMON_OUT" && break
    sleep 0.05
  done
  PORT=$(sed -n "s/^$name: listening on 127\\.0\\.0\\.1:\\([0-9]*\\)\$/\\1/p" "$DAEMON_OUT")
  if [ -z "$PORT" ]; then
    echo "traffic.sh: $name did not start: $(cat "$DAEMON_OUT" "$reports")" >&2
    exit 1
  fi
}
