#!/usr/bin/env bash
# Installs what shisetsu needs, builds it, and runs every test (unit and
# end-to-end) through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
