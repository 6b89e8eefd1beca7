#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster for the tests and benchmarks: one
# temporary folder holds the data directory and the Unix socket (no TCP port),
# owned by an unprivileged user because initdb refuses to run as root.
#
#   dir=$(bash tools/pg_cluster.sh start)   # prints the folder; URL in $dir/url
#   dir=$(bash tools/pg_cluster.sh start --durable)   # fsync and synchronous
#        commit as a real server has them (benchmarks); the tests do without
#   bash tools/pg_cluster.sh stop "$dir"    # stops the server, removes the folder
#
# The superuser `shisetsu` connects over the socket without a password; every
# other role must give its password (scram-sha-256), so the tests can try a
# wrong one. Fails (exit 1, nothing left behind) when PostgreSQL or PostGIS is
# not installed.
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
  done | sort -V | tail -n 1
}

as_owner() {
  # Runs a command as the cluster's owner: ourselves, or an unprivileged
  # system account when we are root.
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

pick_owner() {
  if [ "$(id -u)" -ne 0 ]; then id -un; return; fi
  local u
  for u in postgres nobody; do
    if id "$u" >/dev/null 2>&1; then echo "$u"; return; fi
  done
  echo "pg_cluster: no unprivileged user to run PostgreSQL as" >&2
  exit 1
}

start() {
  local durable=0
  if [ "${1:-}" = "--durable" ]; then durable=1; fi
  local bin
  bin=$(find_bin)
  if [ -z "$bin" ]; then
    echo "pg_cluster: PostgreSQL is not installed (tools/setup.sh installs it)" >&2
    exit 1
  fi
  local version
  version=$(basename "$(dirname "$bin")")
  if ! ls /usr/share/postgresql/"$version"/extension/postgis.control >/dev/null 2>&1; then
    echo "pg_cluster: PostGIS for PostgreSQL $version is not installed (tools/setup.sh installs it)" >&2
    exit 1
  fi
  owner=$(pick_owner)
  local dir
  dir=$(mktemp -d /tmp/shisetsu-pg.XXXXXX)
  # Anything that fails from here on takes the folder with it.
  trap 'stop_dir "$dir" >/dev/null 2>&1 || true' ERR
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown "$owner" "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U shisetsu -E UTF8 --locale=C.UTF-8 --no-sync \
    --auth-local=scram-sha-256 --auth-host=reject >"$dir/initdb.log" 2>&1 \
    || as_owner "$bin/initdb" -D "$dir/data" -U shisetsu -E UTF8 --locale=C --no-sync \
      --auth-local=scram-sha-256 --auth-host=reject >"$dir/initdb.log" 2>&1
  # The superuser needs no password on the socket; everyone else does.
  as_owner sh -c "{ echo 'local all shisetsu trust'; echo 'local all all scram-sha-256'; } > '$dir/data/pg_hba.conf'"
  local options="-c listen_addresses='' -k $dir -c max_connections=60"
  if [ "$durable" -eq 0 ]; then
    options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null
  echo "$bin" >"$dir/bin"
  echo "postgresql:///postgres?host=$dir&user=shisetsu" >"$dir/url"
  trap - ERR
  echo "$dir"
}

stop_dir() {
  local dir="$1"
  case "$dir" in /tmp/shisetsu-pg.*) ;; *) echo "pg_cluster: not a cluster folder: $dir" >&2; exit 1 ;; esac
  [ -d "$dir" ] || return 0
  owner=$(stat -c %U "$dir")
  local bin
  bin=$(cat "$dir/bin" 2>/dev/null || find_bin)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop_dir "${2:?usage: pg_cluster.sh stop DIR}" ;;
  *) echo "usage: pg_cluster.sh start [--durable] | stop DIR" >&2; exit 2 ;;
esac
