# Sourced by the benchmark scripts (tools/bench_*.sh): strict mode, the
# source tree as working directory, the built binary in $bin (built first
# if missing), GNU time for peak memory, and a scratch folder $work removed
# on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=$PWD/build/src/cli/shisetsu
[ -x "$bin" ] || bash tools/build.sh
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
