#!/usr/bin/env bash
# Renewal levelling benchmark (optimization.md "A", issue 14): model A in two
# stages, each proven against its own bound.
#  (a) the sample ward (data/ota) with the demo's budget (past five years'
#      average investment), 40 years — target: proven optimal in < 20 s;
#  (b) N buildings (default 2,000) from the deterministic generator, budget
#      half their annual average renewal cost (binding) — target: proven
#      optimal in < 60 s.
# Each run is repeated REPEAT times (default 3); prints per run the status,
# each stage's gap and time, the whole time, and the machine's load.
#   bash tools/bench_level.sh [N] [TIME_LIMIT_S]
source "$(dirname "$0")/bench_setup.sh"
n="${1:-2000}"
limit="${2:-60}"
repeat="${REPEAT:-3}"
report() {
    python3 - "$1" "$2" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
st = "  ".join("%s %s gap %.4f %% %.1f s" % (s["name"], s["status"], s["gap"] * 100, s["time_s"]) for s in j["stages"])
print(f"{sys.argv[2]}: {j['status']}  {j['time_s']:.1f} s  [{st}]  max overrun {j['max_overrun_yen']:.4g}  objective {j['objective_yen']:.6g}  bound {j['bound_yen']:.6g}")
PY
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# (a) The sample ward.
"$bin" --quiet init "$work/ota.sqlite" >/dev/null
for kind in facilities buildings; do "$bin" --quiet import "$work/ota.sqlite" "$kind" "data/ota/$kind.csv" >/dev/null; done
ward_budget=$(python3 -c "import json; print(json.load(open('data/ota/ward.json'))['past_five_year_average_investment_yen'])")
for k in $(seq "$repeat"); do
    "$bin" --quiet level "$work/ota.sqlite" --start-year 2026 --horizon 40 --budget "$ward_budget" --time-limit 20 \
        --json "$work/ota-level.json" >/dev/null
    report "$work/ota-level.json" "sample ward (1,257 events) run $k"
done

# (b) N generated buildings.
python3 tools/gen_bench_inventory.py "$n" "$work/inv.csv"
"$bin" --quiet init "$work/p.sqlite" >/dev/null
"$bin" --quiet import "$work/p.sqlite" facilities "$work/inv.csv" >/dev/null
"$bin" --quiet lifecycle "$work/p.sqlite" --start-year 2026 --horizon 40 --json "$work/lc.json" >/dev/null
budget=$(python3 -c "import json; print(round(json.load(open('$work/lc.json'))['annual_average_yen'] * 0.5))")
for k in $(seq "$repeat"); do
    "$bin" --quiet --lang en level "$work/p.sqlite" --start-year 2026 --horizon 40 --budget "$budget" \
        --time-limit "$limit" --json "$work/level.json" >/dev/null
    report "$work/level.json" "$n buildings ($(python3 -c "import json; print(len(json.load(open('$work/level.json'))['events']))") events) run $k"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
