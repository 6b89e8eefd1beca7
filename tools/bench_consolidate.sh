#!/usr/bin/env bash
# Benchmark (issue 14): the demo and its consolidation (optimization.md "B",
# revision 2: like-for-like costs, coverage_target "current" for the four
# services of data/optimize/demo_consolidation.json).
#  (a) `shisetsu demo` end to end, REPEAT times — target: < 10 s;
#  (b) the demo's consolidation instance (consolidation-instance.json) solved
#      again with `consolidate --instance`, REPEAT times — target: proven
#      optimal in < 10 s; and, with VERIFY=1, HiGHS (tools/verify_consolidation.py)
#      on the same instance.
# Prints wall and CPU time of each run, the status, gap and objective, and
# the machine's load before and after (the machine is shared: CPU seconds
# say more than wall seconds when it is busy).
#   bash tools/bench_consolidate.sh          (REPEAT=3, VERIFY=0)
source "$(dirname "$0")/bench_setup.sh"
repeat=${REPEAT:-3}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

for k in $(seq "$repeat"); do
  rm -rf "$work/demo"
  /usr/bin/time -f "%e %U" -o "$work/t" "$bin" --quiet demo --out "$work/demo" >/dev/null
  read -r wall cpu < "$work/t"
  python3 - "$work/demo/consolidation.json" "$work/demo/levelling.json" "$wall" "$cpu" "$k" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
l = json.load(open(sys.argv[2]))
print("demo run %s: %s s wall, %s s CPU; consolidation %s (gap %.4f %%) %.1f s; levelling %s %.1f s"
      % (sys.argv[5], sys.argv[3], sys.argv[4], c["status"], c["gap"] * 100, c["time_s"], l["status"], l["time_s"]))
for s in c["services"]:
    print("   %-16s coverage %.2f %% -> %.2f %% (target %.2f %%%s)" % (s["key"], s["before"]["coverage"] * 100, s["after"]["coverage"] * 100,
          s["coverage_target"] * 100, ", current" if s.get("coverage_target_current") else ""))
PY
done

instance=$work/demo/consolidation-instance.json
for k in $(seq "$repeat"); do
  /usr/bin/time -f "%e %U" -o "$work/t" "$bin" --quiet consolidate --instance "$instance" --json "$work/c.json" >/dev/null
  read -r wall cpu < "$work/t"
  python3 - "$work/c.json" "$wall" "$cpu" "$k" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
print("consolidation --instance run %s: %s s wall, %s s CPU, %s, gap %.4f %%, objective %.2f yen, bound %.2f yen"
      % (sys.argv[4], sys.argv[2], sys.argv[3], c["status"], c["gap"] * 100, c["objective_yen"], c["bound_yen"]))
PY
done
if [ "${VERIFY:-0}" = 1 ]; then
  /usr/bin/python3 tools/verify_consolidation.py "$instance" "$work/c.json" --time-limit 600
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
