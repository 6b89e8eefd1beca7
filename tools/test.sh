#!/usr/bin/env bash
# Installs what shisetsu needs, builds it, and runs every test (unit and
# end-to-end) through CTest. The PostgreSQL tests run against a throwaway
# cluster in a temporary folder (tools/pg_cluster.sh), stopped and removed
# when the tests end, however they end; its URL reaches the tests as
# SHISETSU_TEST_PG (without it they say so and skip).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh
pg_dir=$(bash tools/pg_cluster.sh start)
trap 'bash tools/pg_cluster.sh stop "$pg_dir"' EXIT
trap 'exit 130' INT  # interrupted or killed: the EXIT trap still stops the cluster
trap 'exit 143' TERM
SHISETSU_TEST_PG=$(cat "$pg_dir/url")
export SHISETSU_TEST_PG
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
