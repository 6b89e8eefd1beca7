#!/usr/bin/env bash
# Benchmark (issue 19, PostgreSQL + PostGIS): the same work on a SQLite file
# and on PostgreSQL, side by side. Targets: the demo's steps on PostgreSQL
# within 2 × the SQLite time; a 100,000-row import within 2 × SQLite.
# PostgreSQL is a throwaway cluster on a Unix socket (tools/pg_cluster.sh),
# so the figures leave out the network a division's server adds.
#
# usage: bash tools/bench_postgres.sh [ROWS] [REPEATS]   (default 100000 3)
# Each figure is the median of REPEATS runs (the machine may be shared).
source "$(dirname "$0")/bench_setup.sh"
rows=${1:-100000}
repeats=${2:-3}

pg_dir=$(bash tools/pg_cluster.sh start --durable)  # fsync on, as SQLite's commits are
trap 'bash tools/pg_cluster.sh stop "$pg_dir"; rm -rf "$work"' EXIT
trap 'exit 130' INT  # interrupted or killed: the EXIT trap still stops the cluster
trap 'exit 143' TERM
pg_bin=$(cat "$pg_dir/bin")
admin() { "$pg_bin/psql" -q -h "$pg_dir" -U shisetsu -d postgres -c "$1" >/dev/null; }
fresh_pg() {  # a new empty database; prints its URL (runs in $(…): no counter survives it)
  local name
  name=bench_$(date +%s%N)
  admin "CREATE DATABASE $name"
  echo "postgresql://shisetsu@${pg_dir//\//%2F}/$name"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
seconds() { /usr/bin/time -f "%e" -o "$work/t" "$@" >/dev/null; cat "$work/t"; }

csv="$work/inv_$rows.csv"
python3 tools/gen_bench_inventory.py "$rows" "$csv"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-28s %10s %10s %7s\n" work sqlite_s postgres_s ratio
report() {
  printf "%-28s %10s %10s %7s\n" "$1" "$2" "$3" "$(awk -v s="$2" -v p="$3" 'BEGIN { printf "%.2f", p / s }')"
}

# The import: init, then every row of the file in one transaction.
s=(); p=()
for _ in $(seq "$repeats"); do
  db="$work/imp.sqlite"; rm -f "$db"
  "$bin" init "$db" >/dev/null
  s+=("$(seconds "$bin" --quiet import "$db" facilities "$csv")")
  url=$(fresh_pg)
  "$bin" init "$url" >/dev/null
  p+=("$(seconds "$bin" --quiet import "$url" facilities "$csv")")
done
report "import $rows rows" "$(printf '%s\n' "${s[@]}" | median)" "$(printf '%s\n' "${p[@]}" | median)"

# The demo's steps (data/demo.json: imports, both projections, access,
# levelling with its 5 s limit, consolidation, PPP, export, report).
s=(); p=()
for _ in $(seq "$repeats"); do
  rm -rf "$work/demo_s" "$work/demo_p"
  s+=("$(seconds "$bin" --quiet demo --out "$work/demo_s")")
  p+=("$(seconds "$bin" --quiet demo --out "$work/demo_p" --db "$(fresh_pg)")")
done
report "demo end to end" "$(printf '%s\n' "${s[@]}" | median)" "$(printf '%s\n' "${p[@]}" | median)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
