#!/usr/bin/env bash
# Benchmark (issue: the sample ward on its real roads): `shisetsu demo`, the
# whole pipeline of data/demo.json on the sample ward — imports (the real
# roads noded on import), both lifecycle strategies, access, levelling,
# consolidation, access after the plan (service areas), PPP/PFI, the QGIS
# export and the report. Target: under 10 s.
#
# Prints per run the wall clock, CPU time (user + system) and peak memory,
# then the median and best wall clock with the load average, and the median
# seconds of each step (from `demo --json`).
#
# usage: bash tools/bench_demo.sh   (REPEAT=5)
source "$(dirname "$0")/bench_setup.sh"
repeat=${REPEAT:-5}
walls=()
for k in $(seq "$repeat"); do
  rm -rf "$work/demo"
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$bin" --quiet demo --out "$work/demo" --json "$work/steps-$k.json" >/dev/null
  read -r s user sys kb < "$work/t"
  echo "  run $k: ${s} s wall, $(python3 -c "print(f'{$user + $sys:.2f}')") s CPU, peak $((kb / 1024)) MiB"
  walls+=("$s")
done
sorted=$(printf '%s\n' "${walls[@]}" | sort -g)
echo "demo: median $(echo "$sorted" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}') s wall, best $(echo "$sorted" | head -1) s (target < 10 s; load: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$work" "$repeat" <<'PY'
import json, statistics, sys
work, repeat = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{work}/steps-{k}.json"))["steps"] for k in range(1, repeat + 1)]
print("  median seconds per step:")
for i, step in enumerate(runs[0]):
    name = step["step"] + (f" {step['strategy']}" if "strategy" in step else "")
    print(f"    {i + 1:2d} {name:28s} {statistics.median(r[i]['seconds'] for r in runs):6.2f}")
PY
