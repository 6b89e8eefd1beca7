#!/usr/bin/env bash
# Installs every Debian package shisetsu needs to build, run its demo and run
# its tests. Idempotent and non-interactive; when everything is already there
# it only checks (no apt-get update), so a second run takes about a second.
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build pkg-config python3 time
  # project database
  libsqlite3-dev sqlite3 libspatialite-dev libsqlite3-mod-spatialite libssl-dev
  # shared projects: PostgreSQL + PostGIS (client library; the server for the tests)
  libpq-dev postgresql postgresql-15-postgis-3
  # GIS I/O and coordinate reference systems
  libgdal-dev gdal-bin libproj-dev proj-bin proj-data
  # road network, optimization
  libboost-dev libboost-graph-dev coinor-libcbc-dev
  # charts, maps, PDF; XLSX; JSON; command line
  libcairo2-dev libpango1.0-dev fonts-noto-cjk libxlsxwriter-dev
  nlohmann-json3-dev libcli11-dev
  # tests (QGIS, headless, opens the exported GeoPackage and project)
  catch2 python3-qgis qgis-providers
  # optimization tests: HiGHS through SciPy re-solves the written instances independently
  python3-scipy
  # report tests: pdfinfo/pdftotext/pdffonts/pdftoppm, headless Chromium for the HTML page
  poppler-utils chromium
  # interactive maps: Leaflet, inlined in the HTML pages; the browser test drives Chromium over DevTools
  libjs-leaflet python3-websocket
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
