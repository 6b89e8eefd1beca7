#!/usr/bin/env bash
# Benchmark (issue: road network and accessibility).
#  (a) Tachikawa's real roads (OSM, 5,634 lines), every populated 500 m mesh
#      cell as an origin, every school as a destination, cut-off 5 km.
#      Target: under 1 s including the graph build.
#  (b) a generated city of about 300,000 nodes, 10,000 origins × 1,000
#      destinations, cut-off 5 km. Target: under 60 s on 2 cores, < 4 GiB;
#      with service areas under 2 × without (network.md "Service areas at
#      city size").
#  (c) the sample ward on its real roads (data/ota/roads_osm_2017.gpkg,
#      noded on import): every 500 m mesh cell to every facility, service
#      areas included. Target: under 3 s.
# Each `access` runs REPEAT times (default 3; the machine may be shared):
# prints per run the wall clock, the CPU time (user + system) and peak
# memory, then the median and best wall clock, the load average, and the
# program's own split of the last run: loading, graph build, snapping,
# search, service areas.
#
# usage: bash tools/bench_network.sh [NODES ORIGINS DESTINATIONS]   (default 300000 10000 1000; REPEAT=3)
source "$(dirname "$0")/bench_setup.sh"
repeat=${REPEAT:-3}
# The shared data beside the checkout (../shared/data; a worktree one level deeper).
shared=${SHISETSU_SHARED_DATA:-}
for d in "$PWD/../shared/data" "$PWD/../../shared/data"; do [ -n "$shared" ] || { [ -d "$d" ] && shared=$d; }; done

split() {  # the program's own timings from the access JSON
  python3 -c "
import json,sys; a=json.load(open(sys.argv[1])); t=a['timing_s']
print(f\"  origins {a['origins']}, destinations {a['destinations']}, pairs {a['pairs']}, mode {a['mode']}, nodes {a['network']['nodes'] if a['network'] else '-'}\")
print('  split (s): ' + ', '.join(f'{k} {v:.3f}' for k, v in t.items()))" "$1"
}

run_access() {  # name db extra-args…  (sets $median_s)
  local name=$1 db=$2 walls=() k s cpu kb; shift 2
  for k in $(seq "$repeat"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$bin" --quiet access "$db" --json "$work/$name.json" "$@" >/dev/null
    read -r s user sys kb < "$work/t"
    cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
    echo "  $name run $k: ${s} s wall, ${cpu} s CPU, peak $((kb / 1024)) MiB"
    walls+=("$s")
  done
  median_s=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  echo "$name: access median ${median_s} s wall, best $(printf '%s\n' "${walls[@]}" | sort -n | head -1) s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  split "$work/$name.json"
}

echo "(a) Tachikawa"
db=$work/tachikawa.sqlite
echo '{"P29_002": "facility_id", "P29_004": "name"}' > "$work/schools_mapping.json"
"$bin" --quiet init "$db" >/dev/null
"$bin" --quiet import "$db" population "$shared/tachikawa/population_mesh500m_2015.csv" >/dev/null
"$bin" --quiet import "$db" facilities "$shared/tachikawa/schools_p29.geojson" --mapping "$work/schools_mapping.json" >/dev/null
"$bin" --quiet import "$db" roads "$shared/tachikawa/roads.gpkg" >/dev/null
run_access tachikawa "$db" --cutoff 5000
run_access tachikawa-no-areas "$db" --cutoff 5000 --no-service-areas

nodes=${1:-300000}; origins=${2:-10000}; destinations=${3:-1000}
echo "(b) generated city: $nodes nodes, $origins origins × $destinations destinations"
python3 tools/gen_bench_city.py "$work/city" "$nodes" "$origins" "$destinations"
db=$work/city.sqlite
"$bin" --quiet init "$db" >/dev/null
/usr/bin/time -f "%e %M" -o "$work/t" "$bin" --quiet import "$db" roads "$work/city/roads.geojson" >/dev/null
read -r s kb < "$work/t"; echo "  (import of the roads, not part of the target: ${s} s, $((kb / 1024)) MiB)"
"$bin" --quiet import "$db" population "$work/city/population.geojson" >/dev/null
"$bin" --quiet import "$db" facilities "$work/city/facilities.geojson" >/dev/null
run_access city "$db" --cutoff 5000 --no-service-areas
without=$median_s
run_access city-with-areas "$db" --cutoff 5000
python3 -c "print(f'  with service areas / without: {$median_s / $without:.2f} × (target < 2)')"

echo "(c) the sample ward on its real roads"
db=$work/ota.sqlite
"$bin" --quiet init "$db" >/dev/null
"$bin" --quiet import "$db" boundary data/ota/boundary_n03_2021_simplified.geojson >/dev/null
"$bin" --quiet import "$db" population data/ota/population_mesh500m_2015.csv --year 2015 >/dev/null
"$bin" --quiet import "$db" facilities data/ota/facilities.csv >/dev/null
/usr/bin/time -f "%e %M" -o "$work/t" "$bin" --quiet import "$db" roads data/ota/roads_osm_2017.gpkg --json "$work/ota-roads.json" >/dev/null
read -r s kb < "$work/t"
python3 -c "
import json,sys; r=json.load(open(sys.argv[1]))['details']; l=r['layer']; g=r['walk_graph']
print(f\"  (import of the roads, noded: {l['noded']}, {l['crossings_noded']} crossings, {l['ends_joined']} ends joined; largest component {g['largest_component_length_share']*100:.1f} % of the length: {sys.argv[2]} s, {int(sys.argv[3])//1024} MiB)\")" "$work/ota-roads.json" "$s" "$kb"
run_access ota "$db" --cutoff 5000
run_access ota-no-areas "$db" --cutoff 5000 --no-service-areas
