#!/usr/bin/env bash
# OR-Library capacitated warehouse location benchmark (Beasley 1988:
# cap41–cap134, and capa, capb, capc at each of their four capacities):
# `shisetsu locate --model cflp` (split demand) per instance with a time
# limit, against the published optimum of capopt.txt; optionally CBC on the
# plain model (`--method textbook`) for comparison.
#   bash tools/bench_cflp.sh [--limit S] [--textbook-limit S] [--textbook-max-n N] [INSTANCES…]
# An instance is a file name (cap41) or, for capa/capb/capc, file:capacity
# (capb:6000); capb alone means its four capacities.
# Data: $CAP_DIR (default /work/shared/data/orlib_cap).
# A result counts as the published optimum when it is within 0.001 of it
# (capopt.txt gives three decimals, computed in lower precision: "different
# machines may give slightly different results ... due to rounding errors").
source "$(dirname "$0")/bench_setup.sh"
build=$PWD/build
limit=60
tb_limit=0
tb_max_n=50
instances=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --limit) limit="$2"; shift 2 ;;
    --textbook-limit) tb_limit="$2"; shift 2 ;;
    --textbook-max-n) tb_max_n="$2"; shift 2 ;;
    *) instances+=("$1"); shift ;;
  esac
done
dir="${CAP_DIR:-/work/shared/data/orlib_cap}"
[[ -f "$dir/capopt.txt" ]] || { echo "no $dir/capopt.txt (set CAP_DIR)" >&2; exit 1; }
cmake --build "$build" -j2 --target shisetsu cap_to_od >/dev/null
cache="${CAP_WORK:-$build/cflp}"   # the converted CSV files, kept between runs
mkdir -p "$cache"

# The published optima: "name value" and, for capa/b/c, "value (capacity Q)".
declare -A optimum
current=""
while read -r line; do
  if [[ "$line" =~ ^(cap[0-9a-c]+)[[:space:]]+([0-9.]+)[[:space:]]*(\(capacity[[:space:]]+([0-9]+)\))? ]]; then
    current="${BASH_REMATCH[1]}"
    if [[ -n "${BASH_REMATCH[4]}" ]]; then optimum["$current:${BASH_REMATCH[4]}"]="${BASH_REMATCH[2]}"
    else optimum["$current"]="${BASH_REMATCH[2]}"; fi
  elif [[ -n "$current" && "$line" =~ ^([0-9.]+)[[:space:]]+\(capacity[[:space:]]+([0-9]+)\) ]]; then
    optimum["$current:${BASH_REMATCH[2]}"]="${BASH_REMATCH[1]}"
  fi
done < "$dir/capopt.txt"

if [[ ${#instances[@]} -eq 0 ]]; then
  for f in "$dir"/cap[0-9]*.txt; do instances+=("$(basename "$f" .txt)"); done
  IFS=$'\n' instances=($(printf '%s\n' "${instances[@]}" | sort -V)); unset IFS
  instances+=(capa capb capc)
fi
expanded=()
for name in "${instances[@]}"; do
  if [[ "$name" =~ ^cap[abc]$ ]]; then
    for key in $(printf '%s\n' "${!optimum[@]}" | grep "^$name:" | sort -t: -k2 -n); do expanded+=("$key"); done
  else expanded+=("$name"); fi
done

printf "%-10s %5s %14s %16s %16s %8s %8s %-8s %6s %10s %9s %8s\n" instance m×n optimum objective bound gap% time_s status nodes textbook_s tb_gap% speedup
total=0; worst=0; failed=0
for key in "${expanded[@]}"; do
  file="${key%%:*}"; cap=""; [[ "$key" == *:* ]] && cap="${key#*:}"
  opt="${optimum[$key]:-}"
  [[ -n "$opt" ]] || { echo "ERROR: no published optimum for $key" >&2; failed=1; continue; }
  stem="$cache/${file}${cap:+-$cap}"
  [[ -s "$stem-od.csv" ]] || "$build/tools/orlib/cap_to_od" "$dir/$file.txt" "$stem-od.csv" "$stem-w.csv" "$stem-sites.csv" $cap
  read -r m n < <(head -1 "$dir/$file.txt")
  "$bin" --quiet --lang en locate --model cflp --od "$stem-od.csv" --demand "$stem-w.csv" --sites "$stem-sites.csv" \
      --time-limit "$limit" --json "$stem.json" >/dev/null
  read -r obj bound gap t status nodes < <(python3 -c "
import json; j=json.load(open('$stem.json'))
print('%.4f' % j['objective'], '%.4f' % j['bound'], j['gap']*100, j['time_s'], j['status'], j['method']['branch_and_bound_nodes'])")
  tb="-"; tbgap="-"; speed="-"
  if [[ "$tb_limit" != 0 && "$n" -le "$tb_max_n" ]]; then
    "$bin" --quiet --lang en locate --model cflp --od "$stem-od.csv" --demand "$stem-w.csv" --sites "$stem-sites.csv" \
        --method textbook --time-limit "$tb_limit" --json "$stem-textbook.json" >/dev/null || true
    read -r tb tbgap speed < <(python3 -c "
import json; j=json.load(open('$stem-textbook.json'))
print('%.2f' % j['time_s'], '%.3f' % (j['gap']*100), '%.1fx' % (j['time_s']/max($t,1e-3)) + ('' if j['status']=='optimal' else '+'))")
  fi
  printf "%-10s %5s %14s %16s %16s %8.5f %8.2f %-8s %6s %10s %9s %8s\n" "$key" "${m}×${n}" "$opt" "$obj" "$bound" "$gap" "$t" "$status" "$nodes" "$tb" "$tbgap" "$speed"
  if ! python3 -c "import sys; sys.exit(0 if abs($obj - $opt) <= 1e-3 and '$status' == 'optimal' and $bound <= $opt + 1e-3 else 1)"; then
    echo "ERROR: $key: objective $obj, bound $bound, status $status against the published optimum $opt" >&2
    failed=1
  fi
  total=$(python3 -c "print($total + $t)")
  worst=$(python3 -c "print(max($worst, $t))")
done
printf "instances %d, total %.2f s, longest %.2f s, load %s\n" "${#expanded[@]}" "$total" "$worst" "$(cut -d' ' -f1-3 /proc/loadavg)"
exit $failed
