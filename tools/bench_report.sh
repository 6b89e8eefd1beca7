#!/usr/bin/env bash
# Benchmark (issue: the report): `shisetsu report` on the demo's project
# database with two named plans side by side (案A: the demo's plan, 案B: the
# same for two of its services, as the e2e test makes them) — both documents
# (annual report PDF + HTML + XLSX with the interactive map and the
# comparison of the plans, the placement-plan PDF + HTML) and the facility
# cards, in Japanese and in English. Target: under 5 s.
#
# Prints, per language: the wall clock of the whole command (start-up,
# reading the database, drawing, writing five files), best and median of
# REPEAT runs, its peak memory, and the pages of each PDF.
#
# usage: bash tools/bench_report.sh [DEMO_DIR]   (REPEAT=5)
#   DEMO_DIR holds shisetsu-demo.sqlite from `shisetsu demo --out DEMO_DIR`;
#   without it the demo is run once into a temporary folder first (~1–2 min).
source "$(dirname "$0")/bench_setup.sh"
demo=${1:-}
if [ -z "$demo" ]; then
  demo=$work/demo
  echo "running the demo once into $demo …"
  "$bin" --quiet demo --out "$demo" >/dev/null
fi
[ -f "$demo/shisetsu-demo.sqlite" ] || { echo "no $demo/shisetsu-demo.sqlite (run: shisetsu demo --out $demo)"; exit 1; }
db=$work/two-plans.sqlite
cp "$demo/shisetsu-demo.sqlite" "$db"
python3 - data/optimize/demo_consolidation.json "$work/plan-b.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
plan["services"] = [{"key": "library", "coverage_target": "current"}, {"key": "children_centre", "coverage_target": "current"}]
json.dump(plan, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$bin" --quiet consolidate "$db" --config data/optimize/demo_consolidation.json --name 案A >/dev/null
"$bin" --quiet consolidate "$db" --config "$work/plan-b.json" --name 案B >/dev/null
repeat=${REPEAT:-5}

echo "two plans: 案A, 案B (load: $(cut -d' ' -f1-3 /proc/loadavg))"
printf "%-5s %10s %10s %10s %12s %12s\n" lang best_s median_s peak_MiB report_pages plan_pages
for lang in ja en; do
  : > "$work/wall"; peak=0
  for _ in $(seq "$repeat"); do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" --quiet --lang "$lang" report "$db" --out "$work/out" >/dev/null
    read -r wall kb < "$work/t"
    echo "$wall" >> "$work/wall"
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  read -r best median < <(sort -g "$work/wall" | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[1], a[int((NR+1)/2)]}')
  pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
  printf "%-5s %10s %10s %10d %12s %12s\n" "$lang" "$best" "$median" "$((peak / 1024))" \
    "$(pages "$work/out/report.pdf")" "$(pages "$work/out/placement-plan.pdf")"
done
echo "sizes: $(cd "$work/out" && ls -l report.html placement-plan.html report.pdf placement-plan.pdf facility-cards.pdf | awk '{printf "%s %.1f MB  ", $9, $5 / 1e6}')"
