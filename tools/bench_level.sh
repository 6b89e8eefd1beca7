#!/usr/bin/env bash
# Renewal levelling benchmark (issue 5): N buildings (default 2,000) from the
# deterministic generator, projected over 40 years, levelled under a budget of
# half their annual average renewal cost (binding), with a 60 s limit.
# Prints events, model size, status, gap, objective, bound and time.
#   bash tools/bench_level.sh [N] [TIME_LIMIT_S]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./build/src/cli/shisetsu
[ -x "$bin" ] || bash tools/build.sh
n="${1:-2000}"
limit="${2:-60}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tools/gen_bench_inventory.py "$n" "$work/inv.csv"
"$bin" --quiet init "$work/p.sqlite" >/dev/null
"$bin" --quiet import "$work/p.sqlite" facilities "$work/inv.csv" >/dev/null
"$bin" --quiet lifecycle "$work/p.sqlite" --start-year 2026 --horizon 40 --json "$work/lc.json" >/dev/null
budget=$(python3 -c "import json; print(round(json.load(open('$work/lc.json'))['annual_average_yen'] * 0.5))")
"$bin" --quiet --lang en level "$work/p.sqlite" --start-year 2026 --horizon 40 --budget "$budget" \
    --time-limit "$limit" --json "$work/level.json" >/dev/null
python3 - "$work/level.json" "$n" "$budget" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print(f"buildings {sys.argv[2]}  events {len(j['events'])}  rows {j['model_size']['rows']}  cols {j['model_size']['cols']}")
print(f"budget {float(sys.argv[3]):.4g} yen/yr  status {j['status']}  gap {j['gap']*100:.3f} %  time {j['time_s']:.1f} s")
print(f"objective {j['objective_yen']:.6g}  bound {j['bound_yen']:.6g}  overrun {j['overrun_yen']:.4g}  penalty {j['penalty_yen']:.4g}")
print(f"peak {j['peak_before_yen']:.4g} -> {j['peak_after_yen']:.4g}")
PY
