#!/usr/bin/env bash
# OR-Library p-median benchmark (pmed1–pmed40, Beasley): `shisetsu locate`
# per instance with a time limit, against the published optimum; optionally
# CBC on the plain textbook model for comparison.
#   bash tools/bench_pmed.sh [--limit S] [--textbook-limit S] [--textbook-max-n N] [INSTANCES…]
# Data: $PMED_DIR (default /work/shared/data/orlib_pmed, else tests/data/orlib_pmed).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$here/build}"
limit=60
tb_limit=0
tb_max_n=200
instances=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --limit) limit="$2"; shift 2 ;;
    --textbook-limit) tb_limit="$2"; shift 2 ;;
    --textbook-max-n) tb_max_n="$2"; shift 2 ;;
    *) instances+=("$1"); shift ;;
  esac
done
dir="${PMED_DIR:-/work/shared/data/orlib_pmed}"
[[ -d "$dir" ]] || dir="$here/tests/data/orlib_pmed"
[[ ${#instances[@]} -gt 0 ]] || instances=($(seq -f "pmed%g" 1 40))
cmake --build "$build" -j2 --target shisetsu pmed_to_od >/dev/null
work="${PMED_WORK:-$build/pmed}"
mkdir -p "$work"
printf "%-7s %4s %4s %9s %9s %9s %8s %8s %-9s %10s %8s %9s\n" instance n p optimum objective bound gap% time_s status textbook_s tb_gap% speedup
for name in "${instances[@]}"; do
  line=$(grep "^$name," "$dir/pmed_optimal.csv")
  IFS=, read -r _ n _ p opt <<<"$line"
  od="$work/$name.csv"
  [[ -s "$od" ]] || "$build/tools/orlib/pmed_to_od" "$dir/$name.txt" "$od" >/dev/null
  "$build/src/cli/shisetsu" --quiet --lang en locate --model p-median --od "$od" --p "$p" \
      --time-limit "$limit" --json "$work/$name.json" >/dev/null
  read -r obj bound gap t status < <(python3 -c "
import json,sys; j=json.load(open('$work/$name.json'))
print(j['objective'], j['bound'], j['gap']*100, j['time_s'], j['status'])")
  tb="-"; tbgap="-"; speed="-"
  if [[ "$tb_limit" != 0 && "$n" -le "$tb_max_n" ]]; then
    "$build/src/cli/shisetsu" --quiet --lang en locate --model p-median --od "$od" --p "$p" --method textbook \
        --time-limit "$tb_limit" --json "$work/$name-textbook.json" >/dev/null || true
    read -r tb tbgap speed < <(python3 -c "
import json; j=json.load(open('$work/$name-textbook.json'))
print('%.2f' % j['time_s'], '%.3f' % (j['gap']*100), '%.1fx' % (j['time_s']/max($t,1e-3)) + ('' if j['status']=='optimal' else '+'))")
  fi
  printf "%-7s %4s %4s %9s %9.0f %9.0f %8.3f %8.2f %-9s %10s %8s %9s\n" "$name" "$n" "$p" "$opt" "$obj" "$bound" "$gap" "$t" "$status" "$tb" "$tbgap" "$speed"
  if python3 -c "import sys; sys.exit(0 if $obj < $opt - 1e-6 or $bound > $opt + 1e-6 else 1)"; then
    echo "ERROR: $name objective/bound contradict the published optimum $opt" >&2
  fi
done
