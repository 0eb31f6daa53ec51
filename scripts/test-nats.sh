#!/usr/bin/env bash
# Start a throwaway NATS server with JetStream on 127.0.0.1 (from port 54222 on) for the worker tests,
# and print the variables to export: VIGIL_TEST_NATS_URL, and VIGIL_TEST_NATS_DIR (its folder: the
# fault tests restart the server from the config kept there). Installs Debian's nats-server when it
# is missing (needs root). Usage: eval "$(scripts/test-nats.sh)"
set -euo pipefail
if ! command -v nats-server >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server; } >&2
fi
DIR=$(mktemp -d /tmp/vigil-nats.XXXXXX)
for PORT in $(seq 54222 54242); do
  cat >"$DIR/nats.conf" <<CONF
listen: 127.0.0.1:$PORT
jetstream { store_dir: "$DIR/js" }
pid_file: "$DIR/pid"
CONF
  nats-server -c "$DIR/nats.conf" >>"$DIR/log" 2>&1 &
  # Ready when it accepts connections; gone when the port was taken.
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && grep -q 'Server is ready' "$DIR/log"; then
      echo "export VIGIL_TEST_NATS_URL=nats://127.0.0.1:$PORT VIGIL_TEST_NATS_DIR=$DIR"
      exit 0
    fi
    kill -0 $! 2>/dev/null || break
    sleep 0.1
  done
  kill $! 2>/dev/null || true
  : >"$DIR/log"
done
echo "test-nats: could not start nats-server; see $DIR/log" >&2
exit 1
