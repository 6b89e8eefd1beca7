#!/usr/bin/env bash
# Benchmark (issue: the report): `shisetsu report` on the demo's project
# database — both documents (annual report PDF + HTML + XLSX and the
# placement-plan PDF + HTML), in Japanese and in English. Target: under 5 s.
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
db=$demo/shisetsu-demo.sqlite
[ -f "$db" ] || { echo "no $db (run: shisetsu demo --out $demo)"; exit 1; }
repeat=${REPEAT:-5}

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
