#!/usr/bin/env bash
# Benchmark (issue: GIS export): `shisetsu export` of the demo's database
# (GeoPackage with styles, QGIS project, open-data CSV). Target: under 5 s.
#
# usage: bash tools/bench_export.sh
source "$(dirname "$0")/bench_setup.sh"
"$bin" --quiet demo --out "$work/demo" >/dev/null
for i in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$work/t" "$bin" --quiet export "$work/demo/shisetsu-demo.sqlite" \
    --gpkg "$work/out/demo.gpkg" --qgs "$work/out/demo.qgs" >/dev/null
  read -r s kb < "$work/t"
  echo "export of the demo, run $i: ${s} s, peak $((kb / 1024)) MiB, GeoPackage $(du -k "$work/out/demo.gpkg" | cut -f1) KiB"
done
