#!/usr/bin/env bash
# Installs what shisetsu needs, builds it, and runs the demo on the sample
# ward in data/ (Ota City). Output goes to ./shisetsu-demo unless an argument
# names another folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh
./build/src/cli/shisetsu demo --out "${1:-shisetsu-demo}"
