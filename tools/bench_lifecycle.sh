#!/usr/bin/env bash
# Benchmark (issue 13): the lifecycle command on N generated buildings with
# part ratings (tools/gen_bench_inventory.py), all three strategies in one
# run (`--strategy life_extension --compare standard,conventional`), its JSON
# written; at several N to show that memory grows linearly. Then the facility
# cards (facility-cards.pdf, one page per facility) of the sample ward.
# Targets: each strategy's projection of 100,000 buildings < 1 s; the whole
# lifecycle command's peak memory linear and < 400 MiB at 100,000; the
# sample ward's facility cards < 10 s.
#
# usage: bash tools/bench_lifecycle.sh [SIZES…]   (default 25000 50000 100000)
#        DEMO_DIR=shisetsu-demo bash tools/bench_lifecycle.sh   (reuse a demo's database for the cards)
source "$(dirname "$0")/bench_setup.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25000 50000 100000)

printf "%-8s %12s %12s %12s %12s %14s %16s\n" buildings le_project_s std_project_s conv_project_s lifecycle_s lifecycle_MiB KiB_per_building
for n in "${sizes[@]}"; do
  csv="$work/inv_$n.csv"; db="$work/p_$n.sqlite"
  python3 tools/gen_bench_inventory.py "$n" "$csv"
  "$bin" init "$db" >/dev/null
  "$bin" --quiet import "$db" facilities "$csv" >/dev/null
  /usr/bin/time -f "%e %M" -o "$work/t_lc" "$bin" --quiet lifecycle "$db" --strategy life_extension \
    --compare standard,conventional --start-year 2026 --horizon 40 --json "$work/lc.json" >/dev/null
  read -r lc_s lc_kb < "$work/t_lc"
  # Each projection is timed by the program and kept in the run log.
  read -r le std conv < <(sqlite3 -separator ' ' "$db" "SELECT json_extract(summary, '$.timing.project_s'),
      (SELECT json_extract(value, '$.project_s') FROM json_each(json_extract(summary, '$.timing.compared')) WHERE json_extract(value, '$.strategy') = 'standard'),
      (SELECT json_extract(value, '$.project_s') FROM json_each(json_extract(summary, '$.timing.compared')) WHERE json_extract(value, '$.strategy') = 'conventional')
      FROM run_log WHERE command LIKE '%lifecycle%' ORDER BY run_id DESC LIMIT 1")
  printf "%-8s %12.3f %12.3f %12.3f %12s %14.0f %16.2f\n" "$n" "$le" "$std" "$conv" "$lc_s" "$((lc_kb / 1024))" \
    "$(awk -v kb="$lc_kb" -v n="$n" 'BEGIN { print kb / n }')"
done

demo=${DEMO_DIR:-}
if [ -z "$demo" ]; then
  demo="$work/demo"
  "$bin" --quiet demo --out "$demo" >/dev/null
fi
# The cards are timed by the program (report's summary line); best and median of 5.
for i in 1 2 3 4 5; do
  "$bin" --quiet --lang en report "$demo/shisetsu-demo.sqlite" --out "$work/report" |
    sed -n 's/^Facility cards: \([0-9]*\) pages (\([0-9]*\) ms)$/\1 \2/p'
done | sort -n -k2 | awk '{ms[NR] = $2; pages = $1} END { printf "facility cards (sample ward): %d pages, best %.2f s, median %.2f s\n", pages, ms[1] / 1000, ms[3] / 1000 }'
