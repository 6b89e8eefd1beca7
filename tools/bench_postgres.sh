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
least() { sort -n | head -n 1; }
# The server's CPU time so far: its ended backends' time, which the
# postmaster collects as its children's (clock ticks).
pm_pid=$(head -n 1 "$pg_dir/data/postmaster.pid")
ticks=$(getconf CLK_TCK)
server_ticks() { awk '{print $16 + $17}' "/proc/$pm_pid/stat"; }
# Runs a command; appends its wall seconds to the array named $1 and its CPU
# seconds (the command's, and with pg also the server's) to the array $2.
measure() {
  local -n m_wall=$1 m_cpu=$2
  local kind=$3
  shift 3
  local before after wall user sys
  sleep 0.2  # the backends of what ran before have ended
  before=$(server_ticks)
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null
  sleep 0.2  # the backend's exit reaches the postmaster
  after=$(server_ticks)
  read -r wall user sys <"$work/t"
  m_wall+=("$wall")
  if [ "$kind" = pg ]; then
    m_cpu+=("$(awk -v u="$user" -v s="$sys" -v d=$((after - before)) -v t="$ticks" 'BEGIN { printf "%.2f", u + s + d / t }')")
  else
    m_cpu+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
  fi
}

csv="$work/inv_$rows.csv"
python3 tools/gen_bench_inventory.py "$rows" "$csv"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wall: median (best) of $repeats runs; cpu: median, PostgreSQL's with the server's"
printf "%-20s %16s %16s %6s %8s %8s %6s\n" work sqlite_wall_s postgres_wall_s ratio sqlite_cpu pg_cpu ratio
ratio() { awk -v s="$1" -v p="$2" 'BEGIN { printf "%.2f", p / s }'; }
report() {  # name, then the arrays: sqlite wall, pg wall, sqlite cpu, pg cpu
  local -n r_sw=$2 r_pw=$3 r_sc=$4 r_pc=$5
  local sm pm scm pcm
  sm=$(printf '%s\n' "${r_sw[@]}" | median); pm=$(printf '%s\n' "${r_pw[@]}" | median)
  scm=$(printf '%s\n' "${r_sc[@]}" | median); pcm=$(printf '%s\n' "${r_pc[@]}" | median)
  printf "%-20s %16s %16s %6s %8s %8s %6s\n" "$1" \
    "$sm ($(printf '%s\n' "${r_sw[@]}" | least))" "$pm ($(printf '%s\n' "${r_pw[@]}" | least))" "$(ratio "$sm" "$pm")" \
    "$scm" "$pcm" "$(ratio "$scm" "$pcm")"
}

# The import: init, then every row of the file in one transaction.
sw=(); pw=(); sc=(); pc=()
for _ in $(seq "$repeats"); do
  db="$work/imp.sqlite"; rm -f "$db"
  "$bin" init "$db" >/dev/null
  measure sw sc sqlite "$bin" --quiet import "$db" facilities "$csv"
  url=$(fresh_pg)
  "$bin" init "$url" >/dev/null
  measure pw pc pg "$bin" --quiet import "$url" facilities "$csv"
done
report "import $rows rows" sw pw sc pc

# The demo's steps (data/demo.json: imports, both projections, access,
# levelling with its 5 s limit, consolidation, PPP, export, report).
sw=(); pw=(); sc=(); pc=()
for _ in $(seq "$repeats"); do
  rm -rf "$work/demo_s" "$work/demo_p"
  measure sw sc sqlite "$bin" --quiet demo --out "$work/demo_s"
  url=$(fresh_pg)
  measure pw pc pg "$bin" --quiet demo --out "$work/demo_p" --db "$url"
done
report "demo end to end" sw pw sc pc
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
