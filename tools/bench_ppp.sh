#!/usr/bin/env bash
# Benchmark (issue: PPP/PFI screening): the whole screening — cash flows,
# present values, priority flag and the full sensitivity table (4 e_c × 3 r)
# — of N generated projects, each with its own parameters. Target: 100
# projects in well under a second.
#
# Prints, per N: the program's own time for screening every project (kept in
# the JSON as timing.screen_s), the wall clock of the whole command (start-up,
# reading, screening, writing the JSON) and its peak memory; best and median
# of REPEAT runs.
#
# usage: bash tools/bench_ppp.sh [SIZES…]   (default 100 1000 10000; REPEAT=5)
source "$(dirname "$0")/bench_setup.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
repeat=${REPEAT:-5}

# N projects, deterministic: costs 1–50億円, O&M 1–8 % of cost, some fee
# income and subsidy, construction 1–3 years, operation 10–30 years.
gen() {
  python3 - "$1" "$2" <<'PY'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20260401)
projects = []
for i in range(n):
    c = rng.uniform(1e8, 5e9)
    projects.append({"id": f"P{i:05d}", "name": f"事業{i:05d}", "type": rng.choice(["new", "new_complex", "rebuild", "renovation"]),
                     "construction_cost_yen": round(c), "annual_om_yen": round(c * rng.uniform(0.01, 0.08)),
                     "annual_fee_income_yen": round(c * rng.choice([0, 0, 0.005, 0.02])),
                     "construction_years": rng.randint(1, 3), "operation_years": rng.randint(10, 30),
                     "subsidy_share": rng.choice([0.0, 0.0, 1/3, 0.5])})
json.dump({"projects": projects}, open(path, "w"), ensure_ascii=False)
PY
}

printf "%-8s %14s %14s %14s %14s %10s\n" projects screen_best_s screen_median_s wall_best_s wall_median_s peak_MiB
for n in "${sizes[@]}"; do
  gen "$n" "$work/p_$n.json"
  : > "$work/screen"; : > "$work/wall"; peak=0
  for _ in $(seq "$repeat"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" --quiet ppp --projects "$work/p_$n.json" --json "$work/o.json" >/dev/null
    read -r wall kb < "$work/t"
    echo "$wall" >> "$work/wall"
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timing']['screen_s'])" "$work/o.json" >> "$work/screen"
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  stats() { sort -g "$1" | awk '{a[NR]=$1} END {printf "%.6f %.6f\n", a[1], a[int((NR+1)/2)]}'; }
  read -r sb sm < <(stats "$work/screen")
  read -r wb wm < <(stats "$work/wall")
  printf "%-8s %14s %14s %14s %14s %10d\n" "$n" "$sb" "$sm" "$wb" "$wm" "$((peak / 1024))"
done
