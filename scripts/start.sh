#!/usr/bin/env bash
# First README command: install dependencies, build, and start the console with its
# embedded broker. Without a display it runs the broker daemon in the foreground instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
build_dir=${BROKERSCOPE_BUILD_DIR:-build}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "start.sh: no display; running the broker daemon on 127.0.0.1:1883 instead of the console" >&2
  exec "$build_dir/broker/brokerscope-broker" --address 127.0.0.1 --port 1883 "$@"
fi
exec "$build_dir/app/brokerscope" "$@"
