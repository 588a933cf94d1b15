#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL, for the reminder store's tests.
# Usage: .ci/postgres.sh run COMMAND [ARGUMENT...]
# Starts Debian's PostgreSQL (installing the `postgresql` package if it is missing) in a temporary
# folder, listening on 127.0.0.1 only with trust authentication, creates the database
# leg_relief_test, exports TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/leg_relief_test,
# runs the command, then stops the server and deletes the folder, whatever happened. Exits with
# the command's exit code.
set -euo pipefail

say() { printf '\033[1m[postgres]\033[0m %s\n' "$*" >&2; }

if [[ $# -lt 2 || $1 != run ]]; then
  say "usage: $0 run COMMAND [ARGUMENT...]"
  exit 2
fi
shift

# The newest installed server's binaries (Debian keeps them out of PATH).
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [[ -z $bin ]]; then
  say "PostgreSQL is not installed: installing Debian's postgresql package"
  if [[ $EUID -ne 0 ]]; then
    say "installing needs root: run 'apt-get install postgresql' as root, or this script as root"
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -y -qq install postgresql >/dev/null || {
    apt-get -qq update >/dev/null
    apt-get -y -qq install postgresql >/dev/null
  }
  bin=$(find_bin)
fi

# PostgreSQL refuses to run as root: as root, the server and its tools run as `postgres`.
as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

started=$SECONDS
folder=$(mktemp -d "${TMPDIR:-/tmp}/leg-relief-postgres.XXXXXX")
if [[ $EUID -eq 0 ]]; then
  chown postgres: "$folder"
fi
data="$folder/data"

cleanup() {
  if [[ -f $data/postmaster.pid ]]; then
    as_postgres "$bin/pg_ctl" stop -D "$data" -m immediate >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# No fsync: the data is thrown away, and the tests run faster without waiting for the disk.
as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust --no-sync \
  --encoding=UTF8 --locale=C >"$folder/initdb.log" 2>&1 || {
  cat "$folder/initdb.log" >&2
  exit 1
}

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 40000))
  fi
}

# Another program may take the port between picking and starting: then try another.
port=
for _ in 1 2 3 4 5; do
  candidate=$(free_port)
  if as_postgres "$bin/pg_ctl" start -D "$data" -w -l "$folder/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $candidate -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null; then
    port=$candidate
    break
  fi
done
if [[ -z $port ]]; then
  say "PostgreSQL did not start; its log:"
  cat "$folder/server.log" >&2
  exit 1
fi

as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres leg_relief_test
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/leg_relief_test"
say "$("$bin/postgres" --version) ready on 127.0.0.1:$port in $((SECONDS - started)) s"

set +e
"$@"
status=$?
set -e
exit "$status"
