#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1:55432 for the store tests, and print the URL to
# export as VIGIL_TEST_POSTGRES_URL. Installs Debian's postgresql when it is missing. Needs root.
# Usage: eval "$(scripts/test-postgres.sh)"
set -euo pipefail
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DIR=$(mktemp -d /tmp/vigil-pg.XXXXXX)
chown postgres "$DIR"
su postgres -s /bin/sh -c "$PGBIN/initdb -D $DIR/data -A trust -U postgres" >/dev/null
# The first free port from 55432 on (another server, e.g. a developer's, may hold one).
for PORT in $(seq 55432 55452); do
  if su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $DIR/data -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off' -l $DIR/log -w start" >/dev/null 2>&1; then
    echo "export VIGIL_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
    exit 0
  fi
done
echo "test-postgres: could not start PostgreSQL; see $DIR/log" >&2
exit 1
