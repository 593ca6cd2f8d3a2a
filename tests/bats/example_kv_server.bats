#!/usr/bin/env bats
# examples/kv-server: a threaded TCP key-value store that sandboxes itself
# with profiles/kv-server.json after listen(); every client is served by a
# thread created under the filter.  Each test starts its own server on a
# free port and talks to it over loopback with bash's /dev/tcp; every wait
# is bounded, and teardown kills whatever is left.

setup() {
  load helpers
  SERVER="$SECCOMP_EMBED_BUILD_DIR/examples/kv-server/kv-server"
  [ -x "$SERVER" ] || fail "$SERVER is not built"
  SERVER_PID=
  OUT="$BATS_TEST_TMPDIR/server.out"
}

teardown() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  true
}

# Starts the server on a free port and waits (10 s at most) until it says
# it is sandboxed; sets SERVER_PID and PORT.
start_server() {
  # AddressSanitizer's runtime makes syscalls of its own in every new thread
  # (pthread_getattr_np at thread start), which the tight profile refuses,
  # as it should: the uninstrumented pass runs these tests
  if sanitized_build; then
    skip "a sanitizer build: ASan's thread start-up needs syscalls kv-server's profile denies"
  fi
  "$SERVER" --port 0 >"$OUT" 2>"$BATS_TEST_TMPDIR/server.err" 3>&- &
  SERVER_PID=$!
  for _ in $(seq 200); do
    grep -q '^kv-server: sandboxed by ' "$OUT" && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server died: $(cat "$OUT" "$BATS_TEST_TMPDIR/server.err")"
    sleep 0.05
  done
  PORT=$(sed -n 's/^kv-server: listening on 127\.0\.0\.1:\([0-9]\{1,5\}\)$/\1/p' "$OUT")
  [ -n "$PORT" ] || fail "no port in: $(cat "$OUT")"
  grep -q '^kv-server: sandboxed by kv_server_policy$' "$OUT" || fail "not sandboxed: $(cat "$OUT")"
}

# ask FD LINE: sends LINE on FD and puts the answer in ANSWER (5 s at most).
ask() {
  printf '%s\n' "$2" >&"$1"
  ANSWER=
  IFS= read -r -t 5 -u "$1" ANSWER || fail "no answer to '$2' within 5 s"
}

stop_server() {
  kill -TERM "$SERVER_PID"
  for _ in $(seq 200); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  STATUS=0
  wait "$SERVER_PID" || STATUS=$?
  SERVER_PID=
}

@test "--help and usage errors" {
  run -0 "$SERVER" --help
  assert_line --index 0 "usage: kv-server [--port N]"
  run -2 "$SERVER" --port x
  assert_output "kv-server: --port needs a number from 0 to 65535, not 'x'"
  run -2 "$SERVER" --bogus
  assert_output "kv-server: unknown argument '--bogus' (try --help)"
}

@test "SET, GET, DEL and COUNT from one client, in a thread created under the filter" {
  start_server
  exec {c}<>"/dev/tcp/127.0.0.1/$PORT"
  ask $c "SET colour blue"; assert_equal "$ANSWER" OK
  ask $c "GET colour"; assert_equal "$ANSWER" "VALUE blue"
  ask $c "COUNT"; assert_equal "$ANSWER" "COUNT 1"
  ask $c "DEL colour"; assert_equal "$ANSWER" OK
  ask $c "GET colour"; assert_equal "$ANSWER" NOTFOUND
  ask $c "FLY"; assert_equal "$ANSWER" "ERR unknown command"
  run -0 grep -E '^(Seccomp|NoNewPrivs):' "/proc/$SERVER_PID/status"
  assert_line --regexp '^Seccomp:[[:space:]]+2$'
  exec {c}>&-
}

@test "sixteen clients at once share the store; their threads come and go" {
  start_server
  for id in $(seq 16); do
    (
      exec {c}<>"/dev/tcp/127.0.0.1/$PORT"
      for k in 1 2 3; do
        printf 'SET %s-%s x\n' "$id" "$k" >&$c
        IFS= read -r -t 5 -u $c a && [ "$a" = OK ] || exit 1
      done
    ) &
  done
  for job in $(jobs -p); do
    [ "$job" = "$SERVER_PID" ] && continue
    wait "$job" || fail "a client failed"
  done
  exec {c}<>"/dev/tcp/127.0.0.1/$PORT"
  ask $c "COUNT"
  assert_equal "$ANSWER" "COUNT 48"
  exec {c}>&-
  run -0 ls "/proc/$SERVER_PID/task"
}

@test "SAVE would open a file: the kernel refuses it and serving goes on" {
  start_server
  exec {c}<>"/dev/tcp/127.0.0.1/$PORT"
  ask $c "SAVE $BATS_TEST_TMPDIR/dump"
  assert_equal "$ANSWER" "ERR EPERM"
  assert_file_not_exists "$BATS_TEST_TMPDIR/dump"
  ask $c "SET a b"
  assert_equal "$ANSWER" OK
  exec {c}>&-
}

@test "SIGTERM stops it cleanly: exit 0, nothing on stderr" {
  start_server
  exec {c}<>"/dev/tcp/127.0.0.1/$PORT"
  ask $c "SET a b"
  exec {c}>&-
  stop_server
  assert_equal "$STATUS" 0
  run -0 tail -n 1 "$OUT"
  assert_output "kv-server: stopping on SIGTERM after 1 client"
  assert_equal "$(cat "$BATS_TEST_TMPDIR/server.err")" ""
}

@test "its test traffic (examples/kv-server/traffic.sh) passes" {
  sanitized_build && skip "a sanitizer build: ASan's thread start-up needs syscalls kv-server's profile denies"
  run -0 "$SRC/examples/kv-server/traffic.sh" "$SERVER" "$BATS_TEST_TMPDIR/reports"
  assert_equal "$(cat "$BATS_TEST_TMPDIR/reports")" ""
}
