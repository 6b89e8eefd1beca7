#!/usr/bin/env bash
# Benchmark (issue: foundation): import of an N-row inventory and the
# lifecycle projection of N buildings over 40 years, at several N to show
# that time and memory grow linearly; then the demo end to end.
# Targets: projection of 100,000 buildings < 1 s, import of 100,000 rows
# < 15 s, demo < 10 s.
#
# usage: bash tools/bench_import_lifecycle.sh [SIZES…]   (default 25000 50000 100000)
source "$(dirname "$0")/bench_setup.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25000 50000 100000)

printf "%-8s %10s %12s %14s %12s %14s\n" rows import_s import_MiB project_s lifecycle_s lifecycle_MiB
for n in "${sizes[@]}"; do
  csv="$work/inv_$n.csv"; db="$work/p_$n.sqlite"
  python3 tools/gen_bench_inventory.py "$n" "$csv"
  "$bin" init "$db" >/dev/null
  /usr/bin/time -f "%e %M" -o "$work/t_import" "$bin" --quiet import "$db" facilities "$csv" >/dev/null
  /usr/bin/time -f "%e %M" -o "$work/t_lc" "$bin" --quiet lifecycle "$db" --start-year 2026 --horizon 40 \
    --json "$work/lc.json" >/dev/null
  read -r import_s import_kb < "$work/t_import"
  read -r lc_s lc_kb < "$work/t_lc"
  # The projection alone (without loading from and saving to the database)
  # is timed by the program and kept in the run log.
  project_s=$(sqlite3 "$db" "SELECT json_extract(summary, '$.timing.project_s') FROM run_log WHERE command LIKE '%lifecycle%' ORDER BY run_id DESC LIMIT 1")
  printf "%-8s %10s %12.0f %14.3f %12s %14.0f\n" "$n" "$import_s" "$((import_kb / 1024))" "$project_s" "$lc_s" "$((lc_kb / 1024))"
done

/usr/bin/time -f "%e %M" -o "$work/t_demo" "$bin" --quiet demo --out "$work/demo" >/dev/null
read -r demo_s demo_kb < "$work/t_demo"
echo "demo end to end: ${demo_s} s, peak $((demo_kb / 1024)) MiB"
