#!/usr/bin/env bash
# First README command: install dependencies, build, and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
build_dir=${BROKERSCOPE_BUILD_DIR:-build}
exec "$build_dir/broker/brokerscope-broker" --address 127.0.0.1 --port 1883 "$@"
