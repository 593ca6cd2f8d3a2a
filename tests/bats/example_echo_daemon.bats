#!/usr/bin/env bats
# examples/echo-daemon: a TCP echo server that sandboxes itself with
# profiles/echo-daemon.json right after listen().  Every test starts its own
# daemon on a free port (--port 0), talks to it over loopback with bash's
# /dev/tcp, and teardown kills whatever is left.  Every wait is bounded
# (read -t, polling loops), so a daemon that hangs fails a test, not the run.

setup() {
  load helpers
  DAEMON="$SECCOMP_EMBED_BUILD_DIR/examples/echo-daemon/echo-daemon"
  [ -x "$DAEMON" ] || fail "$DAEMON is not built"
  DAEMON_PID=
  FLOOD_PID=
  OUT="$BATS_TEST_TMPDIR/daemon.out"
}

teardown() {
  if [ -n "$FLOOD_PID" ]; then kill "$FLOOD_PID" 2>/dev/null || true; fi
  if [ -n "${CLIENT:-}" ]; then exec {CLIENT}>&-; fi
  if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill -KILL "$DAEMON_PID"
    wait "$DAEMON_PID" 2>/dev/null || true
  fi
  true
}

# Starts the daemon on a free port with extra arguments "$@" and waits (at
# most 10 s) until it says it is sandboxed; sets DAEMON_PID and PORT.
start_daemon() {
  # fd 3 closed: bats waits for every holder of it before finishing
  "$DAEMON" --port 0 "$@" >"$OUT" 2>"$BATS_TEST_TMPDIR/daemon.err" 3>&- &
  DAEMON_PID=$!
  for _ in $(seq 200); do
    grep -q '^echo-daemon: sandboxed by ' "$OUT" && break
    kill -0 "$DAEMON_PID" 2>/dev/null || fail "the daemon died: $(cat "$OUT" "$BATS_TEST_TMPDIR/daemon.err")"
    sleep 0.05
  done
  PORT=$(sed -n 's/^echo-daemon: listening on 127\.0\.0\.1:\([0-9]\{1,5\}\)$/\1/p' "$OUT")
  [ -n "$PORT" ] && [ "$PORT" -gt 0 ] || fail "no port in: $(cat "$OUT")"
  grep -q '^echo-daemon: sandboxed by echo_daemon_policy$' "$OUT" || fail "not sandboxed: $(cat "$OUT")"
}

# Opens a connection to the daemon as fd $CLIENT.
connect() {
  exec {CLIENT}<>"/dev/tcp/127.0.0.1/$PORT"
}

# Sends one line and puts the answer in ANSWER (5 s at most).
ask() {
  printf '%s\n' "$1" >&"$CLIENT"
  ANSWER=
  IFS= read -r -t 5 -u "$CLIENT" ANSWER || fail "no answer to '$1' within 5 s"
}

hang_up() {
  exec {CLIENT}>&-
  CLIENT=
}

# Waits (at most 10 s) for the daemon to exit and leaves its status in STATUS.
wait_exit() {
  for _ in $(seq 200); do
    kill -0 "$DAEMON_PID" 2>/dev/null || break
    sleep 0.05
  done
  kill -0 "$DAEMON_PID" 2>/dev/null && fail "the daemon did not exit within 10 s"
  STATUS=0
  wait "$DAEMON_PID" || STATUS=$?
  DAEMON_PID=
}

@test "--help prints the usage and exits 0" {
  run -0 "$DAEMON" --help
  assert_line --index 0 "usage: echo-daemon [--port N] [--max-clients N]"
  assert_output --partial "OPEN <path>"
}

@test "usage errors: one line on stderr, exit 2" {
  run -2 --separate-stderr "$DAEMON" --bogus
  assert_equal "$stderr" "echo-daemon: unknown argument '--bogus' (try --help)"
  run -2 --separate-stderr "$DAEMON" --port 65536
  assert_equal "$stderr" "echo-daemon: --port needs a number from 0 to 65535, not '65536'"
  run -2 --separate-stderr "$DAEMON" --port=-1
  assert_equal "$stderr" "echo-daemon: --port needs a number from 0 to 65535, not '-1'"
  run -2 --separate-stderr "$DAEMON" --max-clients 0
  assert_equal "$stderr" "echo-daemon: --max-clients needs a number from 1 to 1000000, not '0'"
  run -2 --separate-stderr "$DAEMON" --port
  assert_equal "$stderr" "echo-daemon: --port needs a value (try --help)"
  assert_equal "$output" ""
}

@test "a port in use: one-line error, exit 1" {
  start_daemon
  run -1 --separate-stderr "$DAEMON" --port "$PORT"
  assert_equal "$stderr" "echo-daemon: cannot listen on 127.0.0.1:$PORT: Address already in use"
}

@test "echoes lines, and the kernel says it is filtered (Seccomp 2, NoNewPrivs 1)" {
  start_daemon
  run -0 grep -E '^(Seccomp|Seccomp_filters|NoNewPrivs):' "/proc/$DAEMON_PID/status"
  assert_line --regexp $'^Seccomp:\t2$'
  assert_line --regexp $'^Seccomp_filters:\t1$'
  assert_line --regexp $'^NoNewPrivs:\t1$'
  connect
  ask "hello, sandbox"
  assert_equal "$ANSWER" "hello, sandbox"
  ask "  spaces and	tabs  "
  assert_equal "$ANSWER" "  spaces and	tabs  "
  ask "open /etc/hostname"
  assert_equal "$ANSWER" "open /etc/hostname"
}

@test "a line longer than the daemon's buffer comes back whole" {
  start_daemon
  connect
  long=$(printf 'abcdefghij%.0s' $(seq 300))
  ask "$long"
  assert_equal "${#ANSWER}" 3000
  assert_equal "$ANSWER" "$long"
}

@test "out-of-profile syscalls fail with EPERM and serving goes on" {
  readable="$BATS_TEST_TMPDIR/readable"
  echo data >"$readable"
  chmod 0644 "$readable"
  start_daemon
  connect
  ask "before"
  assert_equal "$ANSWER" "before"
  # a file anyone may read, so only the filter can refuse it
  ask "OPEN $readable"
  assert_equal "$ANSWER" "ERR Operation not permitted"
  # not ENOENT: the call never reached the file system
  ask "OPEN $BATS_TEST_TMPDIR/absent"
  assert_equal "$ANSWER" "ERR Operation not permitted"
  ask "EXEC /bin/true"
  assert_equal "$ANSWER" "ERR Operation not permitted"
  ask "SOCKET"
  assert_equal "$ANSWER" "ERR Operation not permitted"
  ask "FORK"
  assert_equal "$ANSWER" "ERR Operation not permitted"
  ask "after"
  assert_equal "$ANSWER" "after"
  hang_up
  # a new client is still accepted
  connect
  ask "second client"
  assert_equal "$ANSWER" "second client"
  run -0 cat "$OUT"
  assert_line "echo-daemon: client 1: OPEN $readable -> ERR Operation not permitted"
  assert_line "echo-daemon: client 1: EXEC /bin/true -> ERR Operation not permitted"
  assert_line "echo-daemon: client 2 connected"
}

@test "SIGTERM stops it cleanly: exit 0" {
  start_daemon
  connect
  ask "ping"
  assert_equal "$ANSWER" "ping"
  kill -TERM "$DAEMON_PID"
  wait_exit
  assert_equal "$STATUS" 0
  run -0 tail -n 1 "$OUT"
  assert_output "echo-daemon: stopping on SIGTERM after 1 client"
}

@test "SIGINT stops it cleanly too" {
  start_daemon
  kill -INT "$DAEMON_PID"
  wait_exit
  assert_equal "$STATUS" 0
  run -0 tail -n 1 "$OUT"
  assert_output "echo-daemon: stopping on SIGINT after 0 clients"
}

@test "--max-clients 2: exits 0 by itself once two clients have come and gone" {
  start_daemon --max-clients 2
  for n in 1 2; do
    connect
    ask "client $n"
    assert_equal "$ANSWER" "client $n"
    hang_up
  done
  wait_exit
  assert_equal "$STATUS" 0
  run -0 tail -n 1 "$OUT"
  assert_output "echo-daemon: stopping at --max-clients after 2 clients"
}

@test "stopped and continued: the interrupted poll resumes (restart_syscall)" {
  start_daemon
  kill -STOP "$DAEMON_PID"
  # wait until the kernel reports it stopped, so the poll was interrupted
  for _ in $(seq 100); do
    grep -q '^State:.*stopped' "/proc/$DAEMON_PID/status" && break
    sleep 0.05
  done
  run -0 grep '^State:' "/proc/$DAEMON_PID/status"
  assert_output --partial "stopped"
  kill -CONT "$DAEMON_PID"
  connect
  ask "still here"
  assert_equal "$ANSWER" "still here"
}

@test "a client that never reads is dropped; the others are served" {
  start_daemon
  connect
  hog=$CLIENT
  # floods the daemon with lines and never reads the echoes, until the
  # daemon's send timeout (5 s) drops it and the writes fail
  yes "$(printf 'x%.0s' $(seq 1000))" >&"$hog" 2>/dev/null 3>&- &
  FLOOD_PID=$!
  sleep 1
  connect
  printf 'patient\n' >&"$CLIENT"
  IFS= read -r -t 20 -u "$CLIENT" ANSWER || fail "the second client got no answer in 20 s"
  assert_equal "$ANSWER" "patient"
  kill "$FLOOD_PID" 2>/dev/null || true
  wait "$FLOOD_PID" || true
  FLOOD_PID=
  exec {hog}>&-
  run -0 cat "$OUT"
  assert_line "echo-daemon: client 1 gone"
}
